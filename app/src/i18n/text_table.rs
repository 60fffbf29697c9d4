//! `text_table!` declares a key enum together with its English and German texts, so a key cannot exist
//! without both translations.

/// A set of UI texts: each key has an English and a German text. Split by area so no file grows too long.
pub trait Texts: Copy {
    /// (English, German).
    fn texts(self) -> (&'static str, &'static str);
}

macro_rules! text_table {
    ($(#[$meta:meta])* $vis:vis enum $name:ident { $($key:ident => ($en:expr, $de:expr $(,)?)),* $(,)? }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        $vis enum $name {
            $($key,)*
        }

        impl $name {
            /// Every key, for tests that check the table.
            #[cfg(test)]
            pub const ALL: &'static [$name] = &[$($name::$key,)*];
        }

        impl $crate::i18n::Texts for $name {
            fn texts(self) -> (&'static str, &'static str) {
                match self {
                    $($name::$key => ($en, $de),)*
                }
            }
        }
    };
}
