//! A brand the support widget is embedded for: its slug (named by the embed snippet), its name and its accent
//! colour. The colour ends up inside CSS, so it is parsed here into the one shape that is safe there: `#rrggbb`.

use super::input::{bounded_text, FieldError};

/// The slug a page names in `data-brand`: lower-case letters, digits and inner hyphens, at most 40 characters.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BrandSlug(String);

impl BrandSlug {
    pub const MAX_CHARS: usize = 40;

    pub fn parse(raw: &str) -> Result<BrandSlug, FieldError> {
        let slug = raw.trim();
        let allowed = slug.bytes().all(|byte| byte.is_ascii_lowercase() || byte.is_ascii_digit() || byte == b'-');
        if slug.is_empty() || slug.len() > Self::MAX_CHARS || !allowed || slug.starts_with('-') || slug.ends_with('-') {
            return Err(FieldError::new(
                "slug",
                "invalid_slug",
                "Use lower-case letters, digits and hyphens (at most 40), like acme-shop.",
            ));
        }
        Ok(BrandSlug(slug.to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A brand's display name, shown in the widget's header.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BrandName(String);

impl BrandName {
    pub fn parse(raw: &str) -> Result<BrandName, FieldError> {
        bounded_text(raw, "name", 80).map(BrandName)
    }

    pub fn into_string(self) -> String {
        self.0
    }
}

/// A brand's accent colour: exactly `#` and six hex digits, kept lower-case.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BrandColor(String);

impl BrandColor {
    /// The colour of the default brand, used when a stored colour is not a valid one.
    pub const FALLBACK: &'static str = "#4f46e5";

    pub fn parse(raw: &str) -> Result<BrandColor, FieldError> {
        let value = raw.trim();
        let hex = value.strip_prefix('#').filter(|hex| hex.len() == 6 && hex.bytes().all(|b| b.is_ascii_hexdigit()));
        match hex {
            Some(hex) => Ok(BrandColor(format!("#{}", hex.to_ascii_lowercase()))),
            None => Err(FieldError::new("color", "invalid_color", "Use a colour like #4f46e5 (# and six hex digits).")),
        }
    }

    /// The stored colour if it is valid, else [`BrandColor::FALLBACK`]: a row edited by hand never reaches CSS.
    pub fn parse_or_fallback(raw: &str) -> BrandColor {
        BrandColor::parse(raw).unwrap_or_else(|_| BrandColor(Self::FALLBACK.to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn into_string(self) -> String {
        self.0
    }

    /// The text colour that reads best on this colour (white or near-black), by WCAG contrast ratio, so a light
    /// brand colour never gets white text on it.
    pub fn ink(&self) -> &'static str {
        const WHITE: &str = "#ffffff";
        const DARK: &str = "#111827";
        let background = relative_luminance(&self.0);
        let on_white = 1.05 / (background + 0.05);
        let on_dark = (background + 0.05) / (relative_luminance(DARK) + 0.05);
        if on_white >= on_dark {
            WHITE
        } else {
            DARK
        }
    }
}

/// WCAG 2 relative luminance of a `#rrggbb` colour.
fn relative_luminance(color: &str) -> f64 {
    let channel = |range: std::ops::Range<usize>| {
        let value = f64::from(u8::from_str_radix(&color[range], 16).unwrap_or(0)) / 255.0;
        if value <= 0.040_45 {
            value / 12.92
        } else {
            ((value + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * channel(1..3) + 0.7152 * channel(3..5) + 0.0722 * channel(5..7)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colours_are_six_hex_digits_after_a_hash() {
        assert_eq!(BrandColor::parse(" #4F46E5 ").unwrap().as_str(), "#4f46e5");
        for bad in ["", "4f46e5", "#4f46e", "#4f46e55", "#ggg000", "#fff", "red", "#4f46e5;}body{", "＃4f46e5"] {
            assert_eq!(BrandColor::parse(bad).unwrap_err().code, "invalid_color", "{bad:?}");
        }
        assert_eq!(BrandColor::parse_or_fallback("url(x)").as_str(), BrandColor::FALLBACK);
    }

    #[test]
    fn ink_keeps_text_readable_on_light_and_dark_colours() {
        assert_eq!(BrandColor::parse("#4f46e5").unwrap().ink(), "#ffffff");
        assert_eq!(BrandColor::parse("#000000").unwrap().ink(), "#ffffff");
        assert_eq!(BrandColor::parse("#ffff00").unwrap().ink(), "#111827");
        assert_eq!(BrandColor::parse("#ffffff").unwrap().ink(), "#111827");
    }

    #[test]
    fn slugs_are_lower_case_words_with_inner_hyphens() {
        assert_eq!(BrandSlug::parse(" acme-shop2 ").unwrap().as_str(), "acme-shop2");
        for bad in ["", "Acme", "acme shop", "-acme", "acme-", "acme_shop", "a/b", &"a".repeat(41)] {
            assert_eq!(BrandSlug::parse(bad).unwrap_err().code, "invalid_slug", "{bad:?}");
        }
        assert_eq!(BrandName::parse(" ").unwrap_err().code, "required");
    }
}
