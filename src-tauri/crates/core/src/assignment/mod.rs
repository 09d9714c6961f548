//! Assignment (担当者) and "no two answers at once": which member handles a chat, who
//! replied last, new chats assigned automatically, and the ephemeral 「入力中」 signal
//! one member's typing sends to the others.

pub mod api;
pub mod auto;
pub mod model;
pub mod store;
pub mod typing;

pub use model::{
    AssignConversation, AssigneeFilter, AutoAssignSettings, LastReply, MemberName, MyNotifyScope, NotifyScope,
};
