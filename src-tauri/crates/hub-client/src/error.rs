use madoguchi_core::api::ApiError;

/// Which program to update when a hub and a desk speak different APIs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    /// The hub is the older one.
    Hub,
    /// This app is the older one.
    Desk,
    /// Same version number, different builds: install one release on both.
    Both,
}

/// Why talking to the hub failed; each becomes an [`ApiError`] in both languages for
/// the window ([`HubError::to_api_error`]).
#[derive(Debug, thiserror::Error)]
pub enum HubError {
    #[error("not a hub address: {0:?}")]
    BadAddress(String),
    #[error("the hub's address must use https: {0:?}")]
    NotHttps(String),
    #[error("the hub's certificate does not verify: {0}")]
    Certificate(String),
    #[error("the hub cannot be reached: {0}")]
    Unreachable(String),
    /// The hub refused the token (revoked, signed out, the member removed).
    #[error("the hub refused this device: {0}")]
    Unauthorized(ApiError),
    /// The hub's own answer to a request it refused (a wrong pairing code, a 403, a
    /// method's own error): passed on as the hub worded it.
    #[error("the hub answered: {0}")]
    Hub(ApiError),
    #[error("the hub is version {hub} (API {hub_api}), this app {ours} (API {ours_api})")]
    VersionMismatch { hub: String, hub_api: String, ours: String, ours_api: String, update: Side },
    #[error("the hub sent an answer this app cannot read: {0}")]
    BadAnswer(String),
    #[error("this device is not paired with a hub")]
    NotPaired,
    #[error("the OS keyring: {0}")]
    Keyring(String),
    /// Writing on this PC failed (a full disk, a folder that is not writable).
    #[error("on this PC: {0}")]
    Local(String),
}

impl HubError {
    /// True when the hub could not be reached at all (offline), as opposed to a hub
    /// that answered with a refusal.
    pub fn is_offline(&self) -> bool {
        matches!(self, HubError::Unreachable(_) | HubError::Certificate(_))
    }

    pub fn to_api_error(&self) -> ApiError {
        match self {
            HubError::BadAddress(a) => ApiError::new(
                "hubBadAddress",
                format!("“{a}” is not a hub address. Type it as the owner gave it, for example https://shop.example.jp"),
                format!("「{a}」はハブのアドレスとして読み取れません。管理者から受け取ったとおりに入力してください（例: https://shop.example.jp）"),
            ),
            HubError::NotHttps(a) => ApiError::new(
                "hubNotHttps",
                format!("{a} does not use https. A hub is reached only over https:// (plain http only to this PC: http://127.0.0.1 or http://localhost)"),
                format!("{a} は https ではありません。ハブには https:// で接続します（http はこのPC内の http://127.0.0.1 と http://localhost だけ）"),
            ),
            HubError::Certificate(d) => ApiError::new(
                "hubCertificate",
                format!("The hub's certificate could not be verified ({d}). Check the address, and that the hub's HTTPS (Caddy) has a valid certificate for it"),
                format!("ハブの証明書を確認できませんでした（{d}）。アドレスが正しいか、ハブの HTTPS（Caddy）にそのアドレスの正しい証明書があるか確認してください"),
            ),
            HubError::Unreachable(d) => {
                let (en, ja) = cause(d);
                ApiError::new("hubUnreachable", format!("Cannot reach the hub: {en}"), format!("ハブに接続できません: {ja}"))
            }
            HubError::Unauthorized(e) => ApiError::new("unauthorized", e.message.clone(), e.message_ja.clone()),
            HubError::Hub(e) => e.clone(),
            HubError::VersionMismatch { hub, ours, update, .. } => {
                let (en, ja) = match update {
                    Side::Hub => ("update the hub (madoguchi-server) to this app's version", "ハブ（madoguchi-server）をこのアプリと同じバージョンに更新してください"),
                    Side::Desk => ("update this app to the hub's version", "このアプリをハブと同じバージョンに更新してください"),
                    Side::Both => ("install the same release on both", "両方に同じリリースを入れてください"),
                };
                ApiError::new(
                    "hubVersion",
                    format!("The hub runs version {hub} and this app {ours}; their APIs do not match: {en}"),
                    format!("ハブのバージョンは {hub}、このアプリは {ours} で、API が一致しません。{ja}"),
                )
            }
            HubError::BadAnswer(d) => ApiError::new(
                "hubBadAnswer",
                format!("The hub sent an answer this app cannot read ({d}). Is the address a Madoguchi hub?"),
                format!("ハブの応答を読み取れませんでした（{d}）。アドレスは窓口のハブのものですか？"),
            ),
            HubError::NotPaired => ApiError::new(
                "notPaired",
                "This app is not connected to a hub: connect it in the wizard",
                "このアプリはハブにつながっていません。接続の画面からつないでください",
            ),
            HubError::Local(d) => ApiError::new(
                "local",
                format!("Could not write on this PC ({d}). Is the disk full?"),
                format!("このPCに書き込めませんでした（{d}）。ディスクがいっぱいではありませんか？"),
            ),
            HubError::Keyring(d) => ApiError::new(
                "keyring",
                format!("The OS keyring could not keep the device's key ({d})"),
                format!("OS のキーチェーンに端末の鍵を保存できませんでした（{d}）"),
            ),
        }
    }
}

/// What a connection failure means for the person at the desk, in both languages (the
/// system's own words when it is none of the usual ones).
fn cause(detail: &str) -> (String, String) {
    let d = detail.to_lowercase();
    let (en, ja) = if d.contains("refused") {
        ("connection refused: the hub is not running, or the address's port is wrong", "接続を拒否されました。ハブが止まっているか、アドレスのポートが違います")
    } else if d.contains("dns") || d.contains("lookup") || d.contains("not known") || d.contains("no such host") {
        ("the address was not found; check its spelling and the network", "アドレスが見つかりません。つづりとネットワークを確認してください")
    } else if d.contains("timed out") || d.contains("silent") {
        ("no answer; the network or the hub is down", "応答がありません。ネットワークかハブが止まっています")
    } else if d.contains("https front") {
        ("the HTTPS front (Caddy) answered, but the hub behind it is not running", "HTTPS の入り口（Caddy）は応答しましたが、ハブ本体が動いていません")
    } else if d.contains("reset") || d.contains("closed") || d.contains("broken pipe") || d.contains("eof") {
        ("the connection was cut", "接続が切れました")
    } else {
        return (detail.to_owned(), detail.to_owned());
    };
    (en.to_owned(), ja.to_owned())
}

/// A failed request as the person should read it: a certificate problem named as
/// such, otherwise what the connection said (refused, timed out, name not found).
pub(crate) fn from_reqwest(e: reqwest::Error) -> HubError {
    let mut chain = Vec::new();
    let mut cur: Option<&(dyn std::error::Error + 'static)> = Some(&e);
    while let Some(err) = cur {
        chain.push(err.to_string());
        cur = err.source();
    }
    let all = chain.join(": ");
    if all.contains("certificate") || all.contains("UnknownIssuer") || all.contains("CertNotValidForName") {
        return HubError::Certificate(chain.last().cloned().unwrap_or(all));
    }
    if e.is_decode() {
        return HubError::BadAnswer(all);
    }
    // The innermost cause is the one a person can act on ("Connection refused").
    let reason = if e.is_timeout() { "timed out".to_owned() } else { chain.last().cloned().unwrap_or(all) };
    HubError::Unreachable(reason)
}
