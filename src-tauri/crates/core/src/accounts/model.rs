//! Accounts as the API names and shows them.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AccountRef {
    #[ts(type = "number")]
    pub account_id: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct QuotaView {
    /// None = no limit on this plan.
    #[ts(type = "number | null")]
    pub limit: Option<i64>,
    #[ts(type = "number")]
    pub used: i64,
}
