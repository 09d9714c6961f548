use madoguchi_core::api::ApiError;
use madoguchi_core::CoreError;

/// A failure of ours is not blamed on the input: 500, 「内部エラーが発生しました」 and a
/// log id the person can quote, with no details.
#[test]
fn an_internal_failure_answers_500_with_a_log_id_and_no_details() {
    let e = ApiError::from(CoreError::internal("time zone Asia/Nowhere: not in the tz database"));
    assert_eq!(e.code, "internal");
    assert_eq!(e.http_status(), 500);
    assert_eq!(e.message_ja, "内部エラーが発生しました");
    assert!(!e.message.contains("Nowhere") && !e.message_ja.contains("Nowhere"), "{e:?}");
    let id = e.log_id.clone().expect("an internal error carries its log id");
    assert!(id.len() == 8 && id.chars().all(|c| c.is_ascii_hexdigit()), "{id}");
    let json = serde_json::to_value(&e).expect("serializes");
    assert_eq!(json["logId"], id.as_str());

    let other = ApiError::from(CoreError::internal("csv: writer failed"));
    assert_ne!(other.log_id, e.log_id, "each failure gets its own id");
}

/// Bad input keeps its own explanation in both languages and has no log id.
#[test]
fn bad_input_answers_400_with_its_own_words() {
    let e = ApiError::from(CoreError::bad_input("Too long.", "長すぎます。"));
    assert_eq!((e.code.as_str(), e.http_status()), ("invalid", 400));
    assert_eq!((e.message.as_str(), e.message_ja.as_str()), ("Too long.", "長すぎます。"));
    assert_eq!(e.log_id, None);
    let json = serde_json::to_value(&e).expect("serializes");
    assert!(json.get("logId").is_none(), "{json}");
}
