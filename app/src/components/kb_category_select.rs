//! The knowledge-base category tree in reading order (each category under its parent, by position then name),
//! and a select that shows it indented by depth.

use leptos::prelude::*;
use tidings::domain::kb::KbCategory;

use super::field_error::{described_by, FieldError};
use super::styles::{INPUT, LABEL};

/// The categories depth-first with their depth (0 for top level). A category whose parent is missing counts as
/// top level; a cycle is broken rather than looped.
pub fn category_tree(categories: &[KbCategory]) -> Vec<(KbCategory, usize)> {
    let known = |id: &str| categories.iter().any(|c| c.id == id);
    let children = |parent: Option<&str>| {
        let mut list: Vec<&KbCategory> = categories
            .iter()
            .filter(|c| match (c.parent_id.as_deref(), parent) {
                (Some(p), Some(wanted)) => p == wanted,
                (Some(p), None) => !known(p) || p == c.id,
                (None, None) => true,
                (None, Some(_)) => false,
            })
            .collect();
        list.sort_by(|a, b| a.position.cmp(&b.position).then_with(|| a.name.cmp(&b.name)));
        list
    };
    let mut ordered: Vec<(KbCategory, usize)> = Vec::with_capacity(categories.len());
    let mut stack: Vec<(&KbCategory, usize)> = children(None).into_iter().rev().map(|c| (c, 0)).collect();
    while let Some((category, depth)) = stack.pop() {
        if ordered.iter().any(|(seen, _)| seen.id == category.id) {
            continue;
        }
        ordered.push((category.clone(), depth));
        stack.extend(children(Some(&category.id)).into_iter().rev().map(|c| (c, depth + 1)));
    }
    ordered
}

/// A category's name indented for an `<option>` (options cannot hold markup, so non-breaking spaces and a dash).
pub fn indented_name(name: &str, depth: usize) -> String {
    if depth == 0 {
        return name.to_string();
    }
    format!("{}– {name}", "\u{a0}\u{a0}\u{a0}".repeat(depth))
}

/// A labelled select of the categories, with a "none" option first.
#[component]
pub fn KbCategorySelect(
    /// Element id; the error paragraph gets `<id>-error`.
    id: &'static str,
    /// Form field name.
    name: &'static str,
    #[prop(into)] label: String,
    /// The text of the empty choice ("No category", "Top level").
    #[prop(into)]
    none_label: String,
    categories: Vec<KbCategory>,
    /// The id selected at first.
    #[prop(optional, into)]
    selected: Option<String>,
    #[prop(into)] error: Signal<Option<String>>,
) -> impl IntoView {
    let selected = selected.unwrap_or_default();
    let options = category_tree(&categories)
        .into_iter()
        .map(|(category, depth)| {
            let is_selected = category.id == selected;
            view! {
                <option value=category.id.clone() selected=is_selected data-depth=depth>
                    {indented_name(&category.name, depth)}
                </option>
            }
        })
        .collect_view();
    view! {
        <div class="space-y-1">
            <label for=id class=LABEL>{label}</label>
            <select
                id=id
                name=name
                class=INPUT
                aria-invalid=move || error.with(Option::is_some).then_some("true")
                aria-describedby=move || described_by(id, &error.get())
            >
                <option value="" selected=selected.is_empty()>{none_label}</option>
                {options}
            </select>
            {move || view! { <FieldError id message=error.get() /> }}
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn category(id: &str, parent: Option<&str>, position: i64, name: &str) -> KbCategory {
        KbCategory {
            id: id.into(),
            name: name.into(),
            slug: id.into(),
            parent_id: parent.map(str::to_string),
            position,
            article_count: 0,
        }
    }

    #[test]
    fn children_follow_their_parent_in_order() {
        let categories = vec![
            category("billing", None, 1, "Billing"),
            category("invoices", Some("billing"), 0, "Invoices"),
            category("account", None, 0, "Account"),
            category("password", Some("account"), 0, "Password"),
            category("2fa", Some("password"), 0, "Two-factor"),
        ];
        let tree: Vec<(String, usize)> =
            category_tree(&categories).into_iter().map(|(c, depth)| (c.id, depth)).collect();
        let expected = [("account", 0), ("password", 1), ("2fa", 2), ("billing", 0), ("invoices", 1)];
        assert_eq!(tree, expected.map(|(id, depth)| (id.to_string(), depth)));
    }

    #[test]
    fn orphans_are_top_level_and_cycles_end() {
        let categories = vec![category("lost", Some("gone"), 0, "Lost"), category("self", Some("self"), 0, "Self")];
        let tree = category_tree(&categories);
        assert_eq!(tree.len(), 2);
        assert!(tree.iter().all(|(_, depth)| *depth == 0));
    }

    #[test]
    fn deeper_categories_are_indented() {
        assert_eq!(indented_name("Billing", 0), "Billing");
        assert_eq!(indented_name("Invoices", 1), "\u{a0}\u{a0}\u{a0}– Invoices");
    }
}
