//! [`keyed_enum!`](crate::keyed_enum): the plumbing of an enum whose values the database and
//! the forms spell as text, written once.

/// Declares an enum whose every value has a key (its text in the database and in forms), and
/// optionally a name for people in both languages, side by side:
/// `Variant = "key" => "中文", "English";`. Gives `ALL`, `as_str`, `parse` and, with names,
/// `label(locale)`. Text for the database stays at the edge: pages and queries pass the enum.
#[macro_export]
macro_rules! keyed_enum {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident {
            $( $(#[$variant_meta:meta])* $variant:ident = $key:literal => $zh:literal, $en:literal; )*
        }
    ) => {
        $crate::keyed_enum! {
            $(#[$meta])*
            $vis enum $name {
                $( $(#[$variant_meta])* $variant = $key; )*
            }
        }

        impl $name {
            /// Its name for people, in `locale`.
            pub fn label(self, locale: $crate::i18n::Locale) -> &'static str {
                locale.pick(match self {
                    $( $name::$variant => ($zh, $en), )*
                })
            }
        }
    };
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident {
            $( $(#[$variant_meta:meta])* $variant:ident = $key:literal; )*
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        $vis enum $name {
            $( $(#[$variant_meta])* $variant, )*
        }

        impl $name {
            /// Every value, in the order declared.
            pub const ALL: [$name; [$($key),*].len()] = [$( $name::$variant, )*];

            /// The key the database and the forms use.
            pub fn as_str(self) -> &'static str {
                match self {
                    $( $name::$variant => $key, )*
                }
            }

            /// The value of a key.
            pub fn parse(key: &str) -> Option<$name> {
                $name::ALL.into_iter().find(|value| value.as_str() == key)
            }
        }
    };
}

/// Lets `db` take values of a keyed enum for the list they belong to (`db::keys`): `db_key!(Status
/// => Status)` makes `Status` the only thing a query taking a `db::keys::Status` accepts.
#[macro_export]
macro_rules! db_key {
    ($ty:ty => $list:ident) => {
        #[cfg(feature = "ssr")]
        impl db::keys::Key for $ty {
            fn key(&self) -> &'static str {
                self.as_str()
            }
        }

        #[cfg(feature = "ssr")]
        impl db::keys::$list for $ty {}
    };
}
