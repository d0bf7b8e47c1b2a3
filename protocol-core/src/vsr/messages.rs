//! The messages of "Viewstamped Replication Revisited" (Liskov and Cowling,
//! 2012), with the paper's names. The sender's replica number `i` is the
//! message's `from`, so it is not repeated in the payload.

use std::fmt;
use std::sync::Arc;

use crate::explain::Text;
use crate::protocol::Message;
use crate::text;

/// A log entry: the client's operation and the view in which a primary
/// assigned it its op-number (the view is shown as the entry's colour and
/// makes two different assignments of one op-number tell apart).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Entry {
    pub view: u64,
    pub op: Arc<str>,
}

impl fmt::Display for Entry {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}@view{}", self.op, self.view)
    }
}

/// What the primary adds to its RecoveryResponse (§4.3 step 2): its log,
/// op-number and commit-number; nil in a backup's answer.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct PrimaryState {
    pub log: Vec<Entry>,
    pub op_number: u64,
    pub commit_number: u64,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum VsrMessage {
    /// ⟨PREPARE v, m, n, k⟩ (§4.1 step 3): request m gets op-number n.
    Prepare { view: u64, request: Entry, op_number: u64, commit_number: u64 },
    /// ⟨PREPAREOK v, n, i⟩ (§4.1 step 4): i has every op up to n of view v.
    PrepareOk { view: u64, op_number: u64 },
    /// ⟨COMMIT v, k⟩ (§4.1 step 6): also the primary's heartbeat.
    Commit { view: u64, commit_number: u64 },
    /// ⟨STARTVIEWCHANGE v, i⟩ (§4.2 step 1).
    StartViewChange { view: u64 },
    /// ⟨DOVIEWCHANGE v, l, v', n, k, i⟩ (§4.2 step 2), to the new primary.
    DoViewChange { view: u64, log: Vec<Entry>, last_normal_view: u64, op_number: u64, commit_number: u64 },
    /// ⟨STARTVIEW v, l, n, k⟩ (§4.2 step 3).
    StartView { view: u64, log: Vec<Entry>, op_number: u64, commit_number: u64 },
    /// ⟨RECOVERY i, x⟩ (§4.3 step 1): x is the nonce.
    Recovery { nonce: u64 },
    /// ⟨RECOVERYRESPONSE v, x, l, n, k, j⟩ (§4.3 step 2).
    RecoveryResponse { view: u64, nonce: u64, primary: Option<PrimaryState> },
    /// ⟨GETSTATE v, n', i⟩ (§5.2): "send me your log after op n'".
    GetState { view: u64, op_number: u64 },
    /// ⟨NEWSTATE v, l, n, k⟩ (§5.2): `log` is the log after op `after` (the
    /// n' of the GetState, repeated so that a late answer cannot be appended
    /// at the wrong place).
    NewState { view: u64, after: u64, log: Vec<Entry>, op_number: u64, commit_number: u64 },
}

fn list(log: &[Entry]) -> String {
    let items: Vec<String> = log.iter().map(Entry::to_string).collect();
    format!("[{}]", items.join(", "))
}

impl Message for VsrMessage {
    fn kind(&self) -> &'static str {
        match self {
            VsrMessage::Prepare { .. } => "Prepare",
            VsrMessage::PrepareOk { .. } => "PrepareOk",
            VsrMessage::Commit { .. } => "Commit",
            VsrMessage::StartViewChange { .. } => "StartViewChange",
            VsrMessage::DoViewChange { .. } => "DoViewChange",
            VsrMessage::StartView { .. } => "StartView",
            VsrMessage::Recovery { .. } => "Recovery",
            VsrMessage::RecoveryResponse { .. } => "RecoveryResponse",
            VsrMessage::GetState { .. } => "GetState",
            VsrMessage::NewState { .. } => "NewState",
        }
    }

    fn summary(&self) -> Text {
        match self {
            VsrMessage::Prepare { view, request, op_number, commit_number } => {
                text!(payload::PREPARE, view, op = op_number, request, commit = commit_number)
            }
            VsrMessage::PrepareOk { view, op_number } => text!(payload::PREPARE_OK, view, op = op_number),
            VsrMessage::Commit { view, commit_number } => text!(payload::COMMIT, view, commit = commit_number),
            VsrMessage::StartViewChange { view } => text!(payload::START_VIEW_CHANGE, view),
            VsrMessage::DoViewChange { view, log, last_normal_view, op_number, commit_number } => text!(
                payload::DO_VIEW_CHANGE,
                view,
                log = list(log),
                last_normal = last_normal_view,
                op = op_number,
                commit = commit_number
            ),
            VsrMessage::StartView { view, log, op_number, commit_number } => {
                text!(payload::START_VIEW, view, log = list(log), op = op_number, commit = commit_number)
            }
            VsrMessage::Recovery { nonce } => text!(payload::RECOVERY, nonce),
            VsrMessage::RecoveryResponse { view, nonce, primary } => match primary {
                Some(p) => text!(
                    payload::PRIMARY_RECOVERY_RESPONSE,
                    view,
                    nonce,
                    log = list(&p.log),
                    op = p.op_number,
                    commit = p.commit_number
                ),
                None => text!(payload::RECOVERY_RESPONSE, view, nonce),
            },
            VsrMessage::GetState { view, op_number } => text!(payload::GET_STATE, view, op = op_number),
            VsrMessage::NewState { view, after, log, op_number, commit_number } => {
                text!(payload::NEW_STATE, view, after, log = list(log), op = op_number, commit = commit_number)
            }
        }
    }
}

/// What a message carries, as the inspector and the diagram show it.
pub mod payload {
    crate::phrases! { "vsr.payload";
        PREPARE = "view {view}, op {op} = {request}, commit {commit}" / "视图 {view}，操作 {op} = {request}，提交号 {commit}";
        PREPARE_OK = "view {view}, has ops up to {op}" / "视图 {view}，已有到 {op} 为止的操作";
        COMMIT = "view {view}, commit {commit}" / "视图 {view}，提交号 {commit}";
        START_VIEW_CHANGE = "view {view}" / "视图 {view}";
        DO_VIEW_CHANGE = "view {view}, log {log}, last normal view {last_normal}, op {op}, commit {commit}"
            / "视图 {view}，日志 {log}，最近的 normal 视图 {last_normal}，操作 {op}，提交号 {commit}";
        START_VIEW = "view {view}, log {log}, op {op}, commit {commit}" / "视图 {view}，日志 {log}，操作 {op}，提交号 {commit}";
        RECOVERY = "nonce {nonce}" / "nonce {nonce}（恢复）";
        PRIMARY_RECOVERY_RESPONSE = "view {view}, nonce {nonce}, primary's log {log}, op {op}, commit {commit}"
            / "视图 {view}，nonce {nonce}，主副本的日志 {log}，操作 {op}，提交号 {commit}";
        RECOVERY_RESPONSE = "view {view}, nonce {nonce}, from a backup" / "视图 {view}，nonce {nonce}，来自备份副本";
        GET_STATE = "view {view}, ops after {op}" / "视图 {view}，请求 {op} 之后的操作";
        NEW_STATE = "view {view}, ops after {after}: {log}, op {op}, commit {commit}"
            / "视图 {view}，{after} 之后的操作：{log}，操作 {op}，提交号 {commit}";
    }
}
