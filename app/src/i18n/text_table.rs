//! `text_table!` declares a key enum together with its English and German texts, so a key cannot exist
//! without both translations.

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
