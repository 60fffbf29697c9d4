//! Merging a duplicate into the ticket that carries on: which merges make sense. The source's messages
//! move to the target and the source is closed pointing at it, so neither may be closed already, and the
//! two must belong to the same customer (moving one customer's messages into another's ticket would show
//! them to a stranger).

use super::status::TicketStatus;
use crate::domain::input::FieldError;

/// What the merge rule needs to know about one side.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MergeSide<'a> {
    pub id: &'a str,
    pub status: TicketStatus,
    /// Already merged into another ticket.
    pub merged: bool,
    pub requester_id: &'a str,
}

impl MergeSide<'_> {
    fn is_closed(&self) -> bool {
        self.merged || self.status == TicketStatus::Closed
    }
}

/// Whether `source` may be merged into `target`; the error is a 422 on `into_id` (or on the ticket itself
/// when the source is the problem).
pub fn check_merge(source: MergeSide<'_>, target: MergeSide<'_>) -> Result<(), FieldError> {
    if source.id == target.id {
        return Err(FieldError::new("into_id", "merge_into_self", "A ticket cannot be merged into itself."));
    }
    if source.is_closed() {
        return Err(FieldError::new(
            "id",
            "source_closed",
            "This ticket is already closed or merged; only open work can be merged.",
        ));
    }
    if target.is_closed() {
        return Err(FieldError::new(
            "into_id",
            "target_closed",
            "The target ticket is closed or merged; merge into a ticket that is still open.",
        ));
    }
    if source.requester_id != target.requester_id {
        return Err(FieldError::new(
            "into_id",
            "requester_mismatch",
            "Both tickets must be from the same customer, or their messages would be shown to someone else.",
        ));
    }
    Ok(())
}

/// The target's tags after a merge: its own first, then the source's that it lacks, up to `max`.
pub fn merged_tags(target: &[String], source: &[String], max: usize) -> Vec<String> {
    let mut tags: Vec<String> = Vec::with_capacity(target.len() + source.len());
    for tag in target.iter().chain(source) {
        if tags.len() < max && !tags.contains(tag) {
            tags.push(tag.clone());
        }
    }
    tags
}

#[cfg(test)]
mod tests {
    use super::*;

    fn side(id: &str, status: TicketStatus) -> MergeSide<'_> {
        MergeSide { id, status, merged: false, requester_id: "carla" }
    }

    #[test]
    fn open_work_of_one_customer_merges() {
        for status in [TicketStatus::New, TicketStatus::Open, TicketStatus::Pending, TicketStatus::Resolved] {
            assert_eq!(check_merge(side("a", status), side("b", TicketStatus::Open)), Ok(()), "{status:?}");
            assert_eq!(check_merge(side("a", TicketStatus::Open), side("b", status)), Ok(()), "{status:?}");
        }
    }

    #[test]
    fn refusals_name_the_reason_and_field() {
        let open = TicketStatus::Open;
        let closed = TicketStatus::Closed;
        let merged = MergeSide { merged: true, ..side("m", open) };
        let stranger = MergeSide { requester_id: "dora", ..side("s", open) };
        let cases = [
            (side("a", open), side("a", open), "into_id", "merge_into_self"),
            (side("a", closed), side("a", closed), "into_id", "merge_into_self"),
            (side("a", open), side("b", closed), "into_id", "target_closed"),
            (side("a", open), merged, "into_id", "target_closed"),
            (side("a", closed), side("b", open), "id", "source_closed"),
            (merged, side("b", open), "id", "source_closed"),
            (side("a", closed), side("b", closed), "id", "source_closed"),
            (side("a", open), stranger, "into_id", "requester_mismatch"),
        ];
        for (source, target, field, code) in cases {
            let error = check_merge(source, target).unwrap_err();
            assert_eq!((error.field, error.code), (field, code), "{source:?} -> {target:?}");
        }
    }

    #[test]
    fn tags_are_a_union_capped_with_the_targets_first() {
        let own = |tags: &[&str]| tags.iter().map(|t| t.to_string()).collect::<Vec<_>>();
        assert_eq!(
            merged_tags(&own(&["vip", "billing"]), &own(&["billing", "refund"]), 20),
            own(&["vip", "billing", "refund"])
        );
        assert_eq!(merged_tags(&own(&["a", "b"]), &own(&["c", "d"]), 3), own(&["a", "b", "c"]));
        assert_eq!(merged_tags(&[], &own(&["x"]), 20), own(&["x"]));
    }
}
