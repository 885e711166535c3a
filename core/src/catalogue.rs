//! One catalogue per module of its errors, one row per error (#21): the
//! variant and its fields, the stable code, the C API's number, and the
//! English and Vietnamese messages, with and without the details of one
//! occurrence. [`catalogue!`] makes from it the enum, `Display`,
//! `std::error::Error`, `code()`, `c_value()`, `message()`,
//! `message_vi()`, `code_message()`, `ALL_CODES` and `C_VALUES`, so that
//! adding an error is adding its row (and its C constant, which a test of
//! the C API checks against `C_VALUES`).
//!
//! A row:
//!
//! ```text
//! /// Doc comment of the variant.
//! Variant { field: Type, … }          // or Variant(name: Type), or Variant
//!     = "stable_code", 123,
//!     en: "message with {field}", extra format args…;
//!     vi: "thông báo với {field}", extra format args…;
//!     short: "message for the code alone", "thông báo chỉ theo mã";
//! ```
//!
//! The messages are `format!` strings over the variant's fields, by name (a
//! tuple variant names its one field in the row). The short messages are
//! expressions, for a code without an occurrence (the C API passes only the
//! number).

macro_rules! catalogue {
    (
        $(#[$meta:meta])*
        pub enum $name:ident {
            $(
                $(#[doc = $doc:literal])*
                $variant:ident
                $( ( $tf:ident : $tty:ty ) )?
                $( { $( $(#[doc = $fdoc:literal])* $nf:ident : $nty:ty ),* $(,)? } )?
                = $code:literal, $c:literal,
                en: $en:literal $(, $enarg:expr)* ;
                vi: $vi:literal $(, $viarg:expr)* ;
                short: $short_en:expr, $short_vi:expr ;
            )*
        }
    ) => {
        $(#[$meta])*
        pub enum $name {
            $(
                $(#[doc = $doc])*
                $variant
                $( ( $tty ) )?
                $( { $( $(#[doc = $fdoc])* $nf : $nty ),* } )?,
            )*
        }

        impl $name {
            /// Every error code, in catalogue order.
            pub const ALL_CODES: &'static [&'static str] = &[$($code),*];

            /// Every error code with its C API number (`motcua_result`).
            pub const C_VALUES: &'static [(&'static str, u32)] = &[$(($code, $c)),*];

            /// Stable machine-readable code (snake_case; unique across the
            /// project, see [`crate::ERROR_CODES`]).
            pub const fn code(&self) -> &'static str {
                #[allow(unused_variables)]
                match self {
                    $( $name::$variant $( ( $tf ) )? $( { $($nf),* } )? => $code, )*
                }
            }

            /// The C API's number for this error (`motcua_result`).
            pub const fn c_value(&self) -> u32 {
                #[allow(unused_variables)]
                match self {
                    $( $name::$variant $( ( $tf ) )? $( { $($nf),* } )? => $c, )*
                }
            }

            /// English message (the `Display` text).
            pub fn message(&self) -> String {
                self.to_string()
            }

            /// Vietnamese message.
            pub fn message_vi(&self) -> String {
                #[allow(unused_variables)]
                match self {
                    $( $name::$variant $( ( $tf ) )? $( { $($nf),* } )? => format!($vi $(, $viarg)*), )*
                }
            }

            /// The English and Vietnamese messages for a code alone, without
            /// the details of one occurrence (what a binding that passes
            /// only the code, as the C API does, shows); `None` for a code
            /// that is not this module's.
            pub fn code_message(code: &str) -> Option<(String, String)> {
                match code {
                    $( $code => Some($crate::catalogue::owned(&$short_en, &$short_vi)), )*
                    _ => None,
                }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                #[allow(unused_variables)]
                match self {
                    $( $name::$variant $( ( $tf ) )? $( { $($nf),* } )? => write!(f, $en $(, $enarg)*), )*
                }
            }
        }

        impl std::error::Error for $name {}
    };
}

pub(crate) use catalogue;

/// Both messages of a code, owned: one call per catalogue row, not two
/// inlined copies (the .wasm pays for each).
#[inline(never)]
pub(crate) fn owned(en: &str, vi: &str) -> (String, String) {
    (en.to_owned(), vi.to_owned())
}
