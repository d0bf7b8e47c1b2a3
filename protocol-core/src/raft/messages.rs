//! Raft's RPCs, as in Figure 2 of the paper (plus PreVote, thesis §9.6).

use std::fmt;
use std::sync::Arc;

use crate::NodeId;
use crate::explain::Text;
use crate::protocol::Message;
use crate::text;

/// A state-machine command.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Command {
    /// The leader's no-op at the start of its term (option `noop_on_elect`).
    Noop,
    Value(Arc<str>),
}

/// A log entry: the command and the term in which the leader received it.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Entry {
    pub term: u64,
    pub command: Command,
}

impl fmt::Display for Entry {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.command {
            Command::Noop => write!(f, "no-op@term{}", self.term),
            Command::Value(v) => write!(f, "{v}@term{}", self.term),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum RaftMessage {
    RequestVote {
        term: u64,
        candidate_id: NodeId,
        last_log_index: u64,
        last_log_term: u64,
    },
    RequestVoteReply {
        term: u64,
        vote_granted: bool,
    },
    AppendEntries {
        term: u64,
        leader_id: NodeId,
        prev_log_index: u64,
        prev_log_term: u64,
        entries: Vec<Entry>,
        leader_commit: u64,
    },
    /// `index`: on success the last index now known to match the leader's
    /// log (prevLogIndex + entries); on failure the prevLogIndex that did not
    /// match. Figure 2 leaves this implicit; the leader needs it to update
    /// matchIndex and to ignore stale replies.
    AppendEntriesReply {
        term: u64,
        success: bool,
        index: u64,
    },
    /// PreVote (thesis §9.6): "would you vote for me in term `term`?"; asking
    /// changes nobody's term.
    PreVote {
        term: u64,
        candidate_id: NodeId,
        last_log_index: u64,
        last_log_term: u64,
    },
    /// `term`: the term asked about when granted, the voter's own term when
    /// refused (only a refusal can tell the asker about a newer term).
    PreVoteReply {
        term: u64,
        vote_granted: bool,
    },
}

impl Message for RaftMessage {
    fn kind(&self) -> &'static str {
        match self {
            RaftMessage::RequestVote { .. } => "RequestVote",
            RaftMessage::RequestVoteReply { .. } => "RequestVoteReply",
            RaftMessage::AppendEntries { .. } => "AppendEntries",
            RaftMessage::AppendEntriesReply { .. } => "AppendEntriesReply",
            RaftMessage::PreVote { .. } => "PreVote",
            RaftMessage::PreVoteReply { .. } => "PreVoteReply",
        }
    }

    fn summary(&self) -> Text {
        match self {
            RaftMessage::RequestVote { term, last_log_index, last_log_term, .. }
            | RaftMessage::PreVote { term, last_log_index, last_log_term, .. } => {
                text!(payload::VOTE_REQUEST, term, index = last_log_index, last_term = last_log_term)
            }
            RaftMessage::RequestVoteReply { term, vote_granted } | RaftMessage::PreVoteReply { term, vote_granted } => {
                text!(*if *vote_granted { &payload::GRANTED } else { &payload::REFUSED }, term)
            }
            RaftMessage::AppendEntries { term, prev_log_index, prev_log_term, entries, leader_commit, .. } => {
                if entries.is_empty() {
                    text!(
                        payload::HEARTBEAT,
                        term,
                        prev = prev_log_index,
                        prev_term = prev_log_term,
                        commit = leader_commit
                    )
                } else {
                    let entries = entries.iter().map(Entry::to_string).collect::<Vec<_>>().join(", ");
                    let (prev, prev_term, commit) = (prev_log_index, prev_log_term, leader_commit);
                    text!(payload::ENTRIES, term, prev, prev_term, entries, commit)
                }
            }
            RaftMessage::AppendEntriesReply { term, success, index } => {
                text!(*if *success { &payload::MATCHED } else { &payload::NOT_MATCHED }, term, index)
            }
        }
    }
}

/// What a message carries, as the inspector and the diagram show it.
pub mod payload {
    crate::phrases! { "raft.payload";
        VOTE_REQUEST = "term {term}, last log index {index} term {last_term}"
            / "任期 {term}，最后日志索引 {index}，其任期 {last_term}";
        GRANTED = "term {term}, granted" / "任期 {term}，同意";
        REFUSED = "term {term}, refused" / "任期 {term}，拒绝";
        HEARTBEAT = "term {term}, prev {prev}@term{prev_term}, heartbeat, commit {commit}"
            / "任期 {term}，前一条 {prev}@任期{prev_term}，心跳，提交到 {commit}";
        ENTRIES = "term {term}, prev {prev}@term{prev_term}, entries [{entries}], commit {commit}"
            / "任期 {term}，前一条 {prev}@任期{prev_term}，条目 [{entries}]，提交到 {commit}";
        MATCHED = "term {term}, success, match index {index}" / "任期 {term}，成功，匹配索引 {index}";
        NOT_MATCHED = "term {term}, no entry matches at index {index}" / "任期 {term}，索引 {index} 处没有匹配的条目";
    }
}
