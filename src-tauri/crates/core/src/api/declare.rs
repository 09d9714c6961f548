//! The macro that turns the method table in `methods.rs` into the API: the `Request` and
//! `Response` enums (their JSON is the wire format of both transports), each method's
//! role, the routing to its handler and what the TypeScript generator needs to type the
//! UI's `rpc` per method.
//!
//! A `macro_rules!` table in the style of Yaak's `define_rpc!` (one list, read top to
//! bottom) rather than an attribute on each handler in the style of GitButler's
//! `#[but_api]`: the wire enums need every method in one place anyway, and a table needs
//! no proc-macro crate.

use ts_rs::{Config, TS};

/// Who may call a method: the members' roles. `dispatch` does not check it (it knows no
/// caller); a transport that knows who is calling compares it with the caller's role.
pub use crate::members::Role;

/// One response kind: the `kind` tag on the wire and the data under `data`.
pub trait ResponseKind {
    /// What the handler returns; `()` for a kind without data (`ok`).
    type Data: TS + 'static;
    /// False for a kind sent without `data`.
    const HAS_DATA: bool;
    fn wrap(data: Self::Data) -> super::Response;
}

/// One method as the TypeScript generator sees it.
pub struct MethodInfo {
    /// The variant's name (`ListConversations`); on the wire in camelCase.
    pub name: &'static str,
    /// The response kind's variant name (`Conversations`).
    pub kind: &'static str,
    pub role: Role,
    /// The params' TypeScript type, for methods that take params.
    pub params_ts: Option<fn(&Config) -> String>,
    /// The result's TypeScript type (`void` for a kind without data).
    pub result_ts: fn(&Config) -> String,
}

/// `Role` from the table's lower-case word.
macro_rules! api_role {
    (staff) => {
        $crate::api::declare::Role::Staff
    };
    (owner) => {
        $crate::api::declare::Role::Owner
    };
}

/// The binding of a method's params, present only when the method has params.
macro_rules! api_bind {
    ($name:ident, $params:ty) => {
        $name
    };
}

macro_rules! api_data {
    () => {
        ()
    };
    ($data:ty) => {
        $data
    };
}

macro_rules! api_wrap {
    ($variant:path, $value:ident) => {{
        let () = $value;
        $variant
    }};
    ($variant:path, $value:ident, $data:ty) => {
        $variant($value)
    };
}

macro_rules! api_has_data {
    () => {
        false
    };
    ($data:ty) => {
        true
    };
}

macro_rules! api_params_ts {
    () => {
        None
    };
    ($params:ty) => {
        Some(|cfg: &::ts_rs::Config| <$params as ::ts_rs::TS>::name(cfg))
    };
}

/// The whole API from one table:
///
/// ```text
/// responses { Kind(Data), Ok, … }
/// methods   { Method(Params) -> Kind, role => handler; … }
/// ```
///
/// A handler is `async fn(&Core, Params) -> Result<Data>` (no `Params` for a method
/// without params); the compiler checks that it returns the data of the kind declared.
macro_rules! api_methods {
    (
        responses {
            $( $(#[$kind_meta:meta])* $kind:ident $(($data:ty))? ),* $(,)?
        }
        methods {
            $( $(#[$meta:meta])* $method:ident $(($params:ty))? -> $answer:ident, $role:ident => $handler:path; )*
        }
    ) => {
        #[derive(Debug, Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize, ::ts_rs::TS)]
        #[serde(tag = "method", content = "params", rename_all = "camelCase")]
        pub enum Request {
            $( $(#[$meta])* $method $(($params))?, )*
        }

        #[derive(Debug, Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize, ::ts_rs::TS)]
        #[serde(tag = "kind", content = "data", rename_all = "camelCase")]
        pub enum Response {
            $( $(#[$kind_meta])* $kind $(($data))?, )*
        }

        /// One marker type per response kind, tying the kind to its data.
        pub mod kind {
            $( pub struct $kind; )*
        }

        $(
            impl $crate::api::declare::ResponseKind for kind::$kind {
                type Data = api_data!($($data)?);
                const HAS_DATA: bool = api_has_data!($($data)?);
                fn wrap(data: Self::Data) -> Response {
                    api_wrap!(Response::$kind, data $(, $data)?)
                }
            }
        )*

        impl Request {
            /// Who may call this method.
            pub fn role(&self) -> $crate::api::declare::Role {
                match self {
                    $( Request::$method { .. } => api_role!($role), )*
                }
            }

            /// The method's name as declared (`ListConversations`).
            pub fn name(&self) -> &'static str {
                match self {
                    $( Request::$method { .. } => stringify!($method), )*
                }
            }
        }

        /// Runs the method's handler and tags its result with the method's response kind.
        pub(crate) async fn route(core: &$crate::runtime::Core, request: Request) -> $crate::Result<Response> {
            use $crate::api::declare::ResponseKind;
            Ok(match request {
                $(
                    Request::$method $((api_bind!(params, $params)))? => {
                        <kind::$answer as ResponseKind>::wrap($handler(core $(, api_bind!(params, $params))?).await?)
                    }
                )*
            })
        }

        /// Every method, in declaration order.
        pub fn methods() -> Vec<$crate::api::declare::MethodInfo> {
            use $crate::api::declare::ResponseKind;
            vec![
                $(
                    $crate::api::declare::MethodInfo {
                        name: stringify!($method),
                        kind: stringify!($answer),
                        role: api_role!($role),
                        params_ts: api_params_ts!($($params)?),
                        result_ts: |cfg| {
                            if <kind::$answer as ResponseKind>::HAS_DATA {
                                <<kind::$answer as ResponseKind>::Data as ::ts_rs::TS>::name(cfg)
                            } else {
                                "void".to_string()
                            }
                        },
                    },
                )*
            ]
        }
    };
}

/// The role a method requires, by its name on the wire (`listConversations`): a
/// transport refuses a caller before reading the params, so a staff member learns
/// nothing about an owner method's inputs. None for a method that does not exist.
pub fn role_of(wire_name: &str) -> Option<Role> {
    static ROLES: std::sync::LazyLock<std::collections::HashMap<String, Role>> = std::sync::LazyLock::new(|| {
        super::methods::methods().into_iter().map(|m| (wire_name_of(m.name), m.role)).collect()
    });
    ROLES.get(wire_name).copied()
}

/// `ListConversations` → `listConversations`, as serde's camelCase renames variants.
pub fn wire_name_of(variant: &str) -> String {
    let mut chars = variant.chars();
    chars.next().map(|first| first.to_lowercase().chain(chars).collect()).unwrap_or_default()
}
