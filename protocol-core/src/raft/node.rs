//! One Raft server: the state and rules of Figure 2, in the paper's names.

use std::collections::BTreeSet;
use std::sync::Arc;

use super::messages::{Command, Entry, RaftMessage};
use super::phrases::*;
use super::{RaftChecker, RaftConfig};
use crate::chunked::ChunkedVec;
use crate::protocol::{EntryView, Field, NodeView, Outbox, Protocol, QuorumView, ReplyOutcome, RoleKind, Settings};
use crate::scenario::ScenarioError;
use crate::{NodeId, note};

type Out = Outbox<RaftMessage>;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    Follower,
    /// Collecting PreVotes before standing for election (thesis §9.6).
    PreCandidate,
    Candidate,
    Leader,
}

/// Persistent state on all servers (Figure 2), updated on stable storage
/// before responding to RPCs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RaftDurable {
    pub current_term: u64,
    pub voted_for: Option<NodeId>,
    pub log: ChunkedVec<Entry>,
}

#[derive(Clone, Debug)]
pub struct Raft {
    pub id: NodeId,
    config: RaftConfig,
    // Persistent state on all servers.
    pub current_term: u64,
    pub voted_for: Option<NodeId>,
    /// log[0] is index 1.
    pub log: ChunkedVec<Entry>,
    /// How often this node deleted log entries since it booted: lets the
    /// invariant checker verify only what changed.
    pub log_truncations: u64,
    // Volatile state on all servers.
    pub commit_index: u64,
    pub last_applied: u64,
    pub role: Role,
    pub leader_id: Option<NodeId>,
    /// Candidate / pre-candidate: who granted the (pre)vote, self included.
    pub votes: BTreeSet<NodeId>,
    // Volatile state on leaders, reinitialised after election; index i-1 is Si.
    pub next_index: Vec<u64>,
    /// The last index sent to each follower: only the reply to the latest
    /// AppendEntries triggers another one, or every reply would start a new
    /// stream of messages (implementation detail, not in Figure 2).
    sent_index: Vec<u64>,
    pub match_index: Vec<u64>,
    /// Client commands this leader appended and has not answered yet.
    pending: Vec<(u64, Arc<str>)>,
    /// CheckQuorum: followers heard from in the current election timeout.
    heard_from: BTreeSet<NodeId>,
    /// CheckQuorum: heartbeat rounds since the last quorum check.
    rounds: u64,
    /// Heard from a current leader since the election timer last fired:
    /// PreVote is refused while the leader is alive (thesis §9.6).
    leader_alive: bool,
}

impl Protocol for Raft {
    type Message = RaftMessage;
    type Durable = RaftDurable;
    type Config = RaftConfig;
    type Checker = RaftChecker;

    const ID: &'static str = "raft";
    const VARIANTS: &'static [&'static str] = super::VARIANTS;
    const OPTIONS: &'static [&'static str] = super::OPTIONS;

    fn configure(settings: &Settings) -> Result<RaftConfig, ScenarioError> {
        RaftConfig::from_settings(settings)
    }

    fn boot(id: NodeId, config: &RaftConfig, durable: Option<RaftDurable>) -> Self {
        let d = durable.unwrap_or(RaftDurable { current_term: 0, voted_for: None, log: ChunkedVec::new() });
        Raft {
            id,
            config: config.clone(),
            current_term: d.current_term,
            voted_for: d.voted_for,
            log: d.log,
            log_truncations: 0,
            commit_index: 0,
            last_applied: 0,
            role: Role::Follower,
            leader_id: None,
            votes: BTreeSet::new(),
            next_index: Vec::new(),
            sent_index: Vec::new(),
            match_index: Vec::new(),
            pending: Vec::new(),
            heard_from: BTreeSet::new(),
            rounds: 0,
            leader_alive: false,
        }
    }

    fn durable(&self) -> RaftDurable {
        RaftDurable {
            current_term: self.current_term,
            // Bug `vote_not_persisted`: votedFor never reaches the disk.
            voted_for: if self.config.bugs.vote_not_persisted { None } else { self.voted_for },
            log: self.log.clone(),
        }
    }

    fn on_start(&mut self, out: &mut Out) {
        self.reset_election_timer(out);
    }

    fn on_message(&mut self, from: NodeId, msg: RaftMessage, out: &mut Out) {
        // Figure 2, all servers: if an RPC request or response contains term
        // T > currentTerm, set currentTerm = T and convert to follower. A
        // PreVote asks about a future term and changes nothing (§9.6).
        let term = match &msg {
            RaftMessage::RequestVote { term, .. }
            | RaftMessage::RequestVoteReply { term, .. }
            | RaftMessage::AppendEntries { term, .. }
            | RaftMessage::AppendEntriesReply { term, .. }
            | RaftMessage::PreVoteReply { term, vote_granted: false } => Some(*term),
            // A granted pre-vote carries the term asked about, not a real one.
            RaftMessage::PreVote { .. } | RaftMessage::PreVoteReply { vote_granted: true, .. } => None,
        };
        if let Some(term) = term
            && term > self.current_term
        {
            // With CheckQuorum, a follower that hears from a live leader
            // ignores a disruptive RequestVote instead (thesis §4.2.3).
            let sticky =
                self.config.check_quorum && self.leader_alive && matches!(msg, RaftMessage::RequestVote { .. });
            if sticky {
                note!(out, IGNORES_DISRUPTIVE_VOTE, node = self.id, from, term);
                return;
            }
            note!(out, SEES_NEWER_TERM, node = self.id, term, current = self.current_term);
            self.become_follower(term, None, out);
        }
        match msg {
            RaftMessage::RequestVote { term, candidate_id, last_log_index, last_log_term } => {
                self.handle_request_vote(term, candidate_id, last_log_index, last_log_term, out);
            }
            RaftMessage::RequestVoteReply { term, vote_granted } => {
                self.handle_vote_reply(from, term, vote_granted, out);
            }
            RaftMessage::AppendEntries { term, leader_id, prev_log_index, prev_log_term, entries, leader_commit } => {
                self.handle_append_entries(term, leader_id, prev_log_index, prev_log_term, entries, leader_commit, out);
            }
            RaftMessage::AppendEntriesReply { term, success, index } => {
                self.handle_append_reply(from, term, success, index, out);
            }
            RaftMessage::PreVote { term, candidate_id, last_log_index, last_log_term } => {
                self.handle_prevote(term, candidate_id, last_log_index, last_log_term, out);
            }
            RaftMessage::PreVoteReply { term, vote_granted } => {
                self.handle_prevote_reply(from, term, vote_granted, out)
            }
        }
    }

    fn on_timer(&mut self, out: &mut Out) {
        match self.role {
            Role::Leader => {
                if self.config.check_quorum && !self.check_quorum(out) {
                    return;
                }
                note!(out, HEARTBEAT, node = self.id);
                self.broadcast_append_entries(out);
                out.set_timer(self.heartbeat());
            }
            Role::Follower | Role::PreCandidate | Role::Candidate => {
                // Figure 2, followers: if election timeout elapses without
                // AppendEntries from the current leader or granting a vote,
                // convert to candidate.
                self.leader_alive = false;
                if self.config.prevote {
                    self.start_prevote(out);
                } else {
                    self.start_election(out);
                }
            }
        }
    }

    fn on_client_request(&mut self, value: &str, out: &mut Out) {
        if self.role != Role::Leader {
            // §8: a follower redirects the client to the leader it knows.
            let leader = self.leader_id;
            match leader {
                Some(l) => note!(out, REDIRECT, node = self.id, leader = l),
                None => note!(out, NO_LEADER_KNOWN, node = self.id),
            }
            out.reply(value, ReplyOutcome::Redirect { leader });
            return;
        }
        let value: Arc<str> = Arc::from(value);
        self.log.push(Entry { term: self.current_term, command: Command::Value(value.clone()) });
        let index = self.last_log_index();
        self.pending.push((index, value.clone()));
        let me = self.me();
        self.match_index[me] = index;
        note!(out, APPENDS_REQUEST, node = self.id, value = format!("{value:?}"), index, term = self.current_term);
        self.broadcast_append_entries(out);
        self.advance_commit_index(out);
    }

    fn role(&self) -> RoleKind {
        match self.role {
            Role::Follower => RoleKind::Follower,
            Role::PreCandidate | Role::Candidate => RoleKind::Candidate,
            Role::Leader => RoleKind::Leader,
        }
    }

    fn view(&self) -> NodeView {
        let role_label = match self.role {
            Role::Follower => "follower",
            Role::PreCandidate => "pre-candidate",
            Role::Candidate => "candidate",
            Role::Leader => "leader",
        };
        let role = Protocol::role(self);
        let log = self
            .log
            .iter()
            .enumerate()
            .map(|(i, e)| EntryView {
                index: i as u64 + 1,
                epoch: e.term,
                label: match &e.command {
                    Command::Noop => "no-op".to_string(),
                    Command::Value(v) => v.to_string(),
                },
            })
            .collect();
        let quorum = match self.role {
            Role::Candidate => Some(QuorumView {
                what: "votes",
                have: self.votes.iter().copied().collect(),
                need: self.config.majority(),
            }),
            Role::PreCandidate => Some(QuorumView {
                what: "pre-votes",
                have: self.votes.iter().copied().collect(),
                need: self.config.majority(),
            }),
            Role::Leader if self.last_log_index() > self.commit_index => {
                let last = self.last_log_index();
                let have = (1..=self.config.nodes as NodeId)
                    .filter(|&s| self.match_index[usize::from(s) - 1] >= last)
                    .collect();
                Some(QuorumView { what: "acks for the last entry", have, need: self.config.majority() })
            }
            _ => None,
        };
        let opt = |n: Option<NodeId>| n.map_or("none".to_string(), |n| format!("S{n}"));
        let mut fields = vec![
            Field { name: "currentTerm", value: self.current_term.to_string(), durable: true },
            Field { name: "votedFor", value: opt(self.voted_for), durable: !self.config.bugs.vote_not_persisted },
            Field { name: "log length", value: self.log.len().to_string(), durable: true },
            Field { name: "commitIndex", value: self.commit_index.to_string(), durable: false },
            Field { name: "lastApplied", value: self.last_applied.to_string(), durable: false },
            Field { name: "leader", value: opt(self.leader_id), durable: false },
        ];
        if self.role == Role::Leader {
            let list =
                |v: &[u64]| v.iter().enumerate().map(|(i, x)| format!("S{}:{x}", i + 1)).collect::<Vec<_>>().join(" ");
            fields.push(Field { name: "nextIndex", value: list(&self.next_index), durable: false });
            fields.push(Field { name: "matchIndex", value: list(&self.match_index), durable: false });
        }
        NodeView {
            role,
            role_label,
            epoch: self.current_term,
            epoch_label: "term",
            log,
            commit: self.commit_index,
            quorum,
            fields,
        }
    }
}

impl Raft {
    pub fn config(&self) -> &RaftConfig {
        &self.config
    }

    fn me(&self) -> usize {
        usize::from(self.id) - 1
    }

    pub fn last_log_index(&self) -> u64 {
        self.log.len() as u64
    }

    pub fn last_log_term(&self) -> u64 {
        self.log.last().map_or(0, |e| e.term)
    }

    /// The term of the entry at `index` (0 for index 0), None past the end.
    pub fn term_at(&self, index: u64) -> Option<u64> {
        if index == 0 { Some(0) } else { self.log.get(index as usize - 1).map(|e| e.term) }
    }

    /// Deletes the entries after index `keep`.
    fn truncate_log(&mut self, keep: u64) {
        if (keep as usize) < self.log.len() {
            self.log.truncate(keep as usize);
            self.log_truncations += 1;
        }
    }

    fn peers(&self) -> impl Iterator<Item = NodeId> + use<> {
        let me = self.id;
        (1..=self.config.nodes as NodeId).filter(move |&p| p != me)
    }

    fn heartbeat(&self) -> (u64, u64) {
        (self.config.timing.heartbeat, self.config.timing.heartbeat)
    }

    fn reset_election_timer(&self, out: &mut Out) {
        out.set_timer(self.config.timing.election_timeout);
    }

    /// §5.4.1: a log is at least as up-to-date if its last term is later, or
    /// the last terms are equal and it is at least as long.
    fn is_up_to_date(&self, last_log_index: u64, last_log_term: u64) -> bool {
        (last_log_term, last_log_index) >= (self.last_log_term(), self.last_log_index())
    }

    fn become_follower(&mut self, term: u64, leader: Option<NodeId>, out: &mut Out) {
        let was_leader = self.role == Role::Leader;
        if term > self.current_term {
            self.current_term = term;
            self.voted_for = None;
        }
        self.role = Role::Follower;
        self.leader_id = leader;
        self.votes.clear();
        self.pending.clear();
        if was_leader {
            self.reset_election_timer(out);
        }
    }

    fn start_prevote(&mut self, out: &mut Out) {
        self.role = Role::PreCandidate;
        self.leader_id = None;
        self.votes = BTreeSet::from([self.id]);
        let term = self.current_term + 1;
        note!(out, ASKS_PREVOTES, node = self.id, term);
        for p in self.peers() {
            out.send(
                p,
                RaftMessage::PreVote {
                    term,
                    candidate_id: self.id,
                    last_log_index: self.last_log_index(),
                    last_log_term: self.last_log_term(),
                },
            );
        }
        self.reset_election_timer(out);
        self.maybe_win_prevote(out);
    }

    /// Figure 2, candidates: increment currentTerm, vote for self, reset the
    /// election timer, send RequestVote to all other servers.
    fn start_election(&mut self, out: &mut Out) {
        self.current_term += 1;
        self.role = Role::Candidate;
        self.voted_for = Some(self.id);
        self.leader_id = None;
        self.votes = BTreeSet::from([self.id]);
        note!(out, STARTS_ELECTION, node = self.id, term = self.current_term);
        for p in self.peers() {
            out.send(
                p,
                RaftMessage::RequestVote {
                    term: self.current_term,
                    candidate_id: self.id,
                    last_log_index: self.last_log_index(),
                    last_log_term: self.last_log_term(),
                },
            );
        }
        self.reset_election_timer(out);
        self.maybe_win_election(out);
    }

    /// Figure 2, RequestVote receiver implementation.
    fn handle_request_vote(&mut self, term: u64, candidate: NodeId, last_index: u64, last_term: u64, out: &mut Out) {
        let grant = if term < self.current_term {
            note!(out, VOTE_STALE_TERM, node = self.id, candidate, term, current = self.current_term);
            false
        } else if self.voted_for.is_some_and(|v| v != candidate) {
            note!(
                out,
                ALREADY_VOTED,
                node = self.id,
                voted = self.voted_for.unwrap_or_default(),
                term = self.current_term
            );
            false
        } else if !self.config.bugs.no_up_to_date_check && !self.is_up_to_date(last_index, last_term) {
            note!(
                out,
                VOTE_LOG_NOT_UP_TO_DATE,
                node = self.id,
                candidate,
                index = self.last_log_index(),
                term = self.last_log_term(),
                their_index = last_index,
                their_term = last_term
            );
            false
        } else {
            if self.is_up_to_date(last_index, last_term) {
                note!(out, GRANTS_VOTE, node = self.id, candidate, term);
            } else {
                note!(out, BUG_GRANTS_VOTE, node = self.id, candidate, term);
            }
            self.voted_for = Some(candidate);
            self.reset_election_timer(out);
            true
        };
        out.send(candidate, RaftMessage::RequestVoteReply { term: self.current_term, vote_granted: grant });
    }

    fn handle_vote_reply(&mut self, from: NodeId, term: u64, granted: bool, out: &mut Out) {
        if self.role != Role::Candidate || term != self.current_term || !granted {
            return;
        }
        self.votes.insert(from);
        note!(
            out,
            VOTES_SO_FAR,
            node = self.id,
            have = self.votes.len(),
            need = self.config.majority(),
            term = self.current_term
        );
        self.maybe_win_election(out);
    }

    /// Figure 2, candidates: if votes received from a majority of servers,
    /// become leader.
    fn maybe_win_election(&mut self, out: &mut Out) {
        if self.role == Role::Candidate && self.votes.len() >= self.config.majority() {
            self.become_leader(out);
        }
    }

    fn become_leader(&mut self, out: &mut Out) {
        self.role = Role::Leader;
        self.leader_id = Some(self.id);
        let next = self.last_log_index() + 1;
        self.next_index = vec![next; self.config.nodes];
        self.sent_index = vec![0; self.config.nodes];
        self.match_index = vec![0; self.config.nodes];
        self.heard_from.clear();
        self.rounds = 0;
        note!(out, BECOMES_LEADER, node = self.id, term = self.current_term);
        if self.config.noop_on_elect {
            self.log.push(Entry { term: self.current_term, command: Command::Noop });
            note!(out, APPENDS_NOOP, node = self.id);
        }
        let (me, last) = (self.me(), self.last_log_index());
        self.match_index[me] = last;
        self.broadcast_append_entries(out);
        out.set_timer(self.heartbeat());
    }

    fn handle_prevote(&mut self, term: u64, candidate: NodeId, last_index: u64, last_term: u64, out: &mut Out) {
        let grant = if term < self.current_term {
            note!(out, PREVOTE_STALE_TERM, node = self.id, candidate, term, current = self.current_term);
            false
        } else if self.leader_alive || self.role == Role::Leader {
            note!(out, PREVOTE_LEADER_ALIVE, node = self.id, candidate);
            false
        } else if !self.config.bugs.no_up_to_date_check && !self.is_up_to_date(last_index, last_term) {
            note!(out, PREVOTE_LOG_NOT_UP_TO_DATE, node = self.id, candidate);
            false
        } else {
            note!(out, GRANTS_PREVOTE, node = self.id, candidate, term);
            true
        };
        out.send(
            candidate,
            RaftMessage::PreVoteReply { term: if grant { term } else { self.current_term }, vote_granted: grant },
        );
    }

    fn handle_prevote_reply(&mut self, from: NodeId, term: u64, granted: bool, out: &mut Out) {
        if self.role != Role::PreCandidate || term != self.current_term + 1 || !granted {
            return;
        }
        self.votes.insert(from);
        self.maybe_win_prevote(out);
    }

    fn maybe_win_prevote(&mut self, out: &mut Out) {
        if self.role == Role::PreCandidate && self.votes.len() >= self.config.majority() {
            note!(out, PREVOTES_WON, node = self.id);
            self.start_election(out);
        }
    }

    /// Figure 2, AppendEntries receiver implementation.
    #[allow(clippy::too_many_arguments)]
    fn handle_append_entries(
        &mut self,
        term: u64,
        leader: NodeId,
        prev_log_index: u64,
        prev_log_term: u64,
        entries: Vec<Entry>,
        leader_commit: u64,
        out: &mut Out,
    ) {
        // 1. Reply false if term < currentTerm (§5.1).
        if term < self.current_term {
            note!(out, APPEND_STALE_TERM, node = self.id, leader, term, current = self.current_term);
            out.send(
                leader,
                RaftMessage::AppendEntriesReply { term: self.current_term, success: false, index: prev_log_index },
            );
            return;
        }
        // A candidate that hears from the leader of its term steps down (§5.2).
        if self.role != Role::Follower {
            note!(out, FOLLOWS_LEADER, node = self.id, leader, term);
        }
        self.become_follower(term, Some(leader), out);
        self.leader_alive = true;
        self.reset_election_timer(out);
        // 2. Reply false if log doesn't contain an entry at prevLogIndex whose
        //    term matches prevLogTerm (§5.3).
        if self.term_at(prev_log_index) != Some(prev_log_term) {
            note!(out, NO_MATCHING_ENTRY, node = self.id, index = prev_log_index, term = prev_log_term);
            out.send(
                leader,
                RaftMessage::AppendEntriesReply { term: self.current_term, success: false, index: prev_log_index },
            );
            return;
        }
        let last_new = prev_log_index + entries.len() as u64;
        if self.config.bugs.truncate_on_any_append {
            // Bug: drops everything after prevLogIndex, even entries that
            // match, so a stale AppendEntries erases newer entries.
            if self.last_log_index() > prev_log_index {
                note!(out, BUG_TRUNCATES, node = self.id, index = prev_log_index);
            }
            self.truncate_log(prev_log_index);
            self.log.extend(entries);
        } else {
            for (i, entry) in entries.into_iter().enumerate() {
                let index = prev_log_index + 1 + i as u64;
                match self.term_at(index) {
                    // 4. Append any new entries not already in the log.
                    None => self.log.push(entry),
                    Some(t) if t == entry.term => {}
                    // 3. If an existing entry conflicts with a new one (same
                    //    index but different terms), delete it and all that follow.
                    Some(t) => {
                        note!(out, CONFLICTING_ENTRY, node = self.id, index, mine = t, theirs = entry.term);
                        self.truncate_log(index - 1);
                        self.log.push(entry);
                    }
                }
            }
        }
        // 5. If leaderCommit > commitIndex, set commitIndex =
        //    min(leaderCommit, index of last new entry).
        if leader_commit > self.commit_index {
            let new_commit = leader_commit.min(last_new);
            if new_commit > self.commit_index {
                note!(out, FOLLOWER_COMMITS, node = self.id, from = self.commit_index, to = new_commit);
                self.commit_index = new_commit;
                self.apply_committed();
            }
        }
        out.send(leader, RaftMessage::AppendEntriesReply { term: self.current_term, success: true, index: last_new });
    }

    fn handle_append_reply(&mut self, from: NodeId, term: u64, success: bool, index: u64, out: &mut Out) {
        if self.role != Role::Leader || term != self.current_term {
            return;
        }
        let f = usize::from(from) - 1;
        self.heard_from.insert(from);
        if success {
            // Figure 2, leaders: if successful, update nextIndex and matchIndex.
            if index > self.match_index[f] {
                self.match_index[f] = index;
            }
            self.next_index[f] = self.next_index[f].max(index + 1);
            self.advance_commit_index(out);
            if self.next_index[f] <= self.last_log_index() && index >= self.sent_index[f] {
                self.send_append_entries(from, out);
            }
        } else if index + 1 == self.next_index[f] && self.next_index[f] > 1 {
            // Figure 2, leaders: if AppendEntries fails because of log
            // inconsistency, decrement nextIndex and retry (§5.3).
            self.next_index[f] -= 1;
            note!(out, DECREMENTS_NEXT_INDEX, node = self.id, from, index, next = self.next_index[f]);
            self.send_append_entries(from, out);
        }
    }

    /// Figure 2, leaders: if there exists an N such that N > commitIndex, a
    /// majority of matchIndex[i] >= N, and log[N].term == currentTerm, set
    /// commitIndex = N (§5.3, §5.4).
    fn advance_commit_index(&mut self, out: &mut Out) {
        let majority = self.config.majority();
        let mut n = self.last_log_index();
        let mut explained = false;
        while n > self.commit_index {
            let replicas = self.match_index.iter().filter(|&&m| m >= n).count();
            let this_term = self.term_at(n) == Some(self.current_term);
            // Bug `commit_by_counting`: a majority is enough, whatever the
            // entry's term (the trap of Figure 8).
            if replicas >= majority && (this_term || self.config.bugs.commit_by_counting) {
                break;
            }
            if replicas >= majority && !explained {
                explained = true;
                note!(
                    out,
                    OLD_TERM_NOT_COUNTED,
                    index = n,
                    term = self.term_at(n).unwrap_or(0),
                    current = self.current_term
                );
            }
            n -= 1;
        }
        if n > self.commit_index {
            if self.term_at(n) != Some(self.current_term) {
                note!(out, BUG_COMMITS_BY_COUNTING, node = self.id, index = n, term = self.term_at(n).unwrap_or(0));
            }
            note!(out, LEADER_COMMITS, node = self.id, index = n);
            self.commit_index = n;
            self.apply_committed();
            self.answer_clients(out);
        }
    }

    fn apply_committed(&mut self) {
        self.last_applied = self.last_applied.max(self.commit_index.min(self.last_log_index()));
    }

    /// The leader answers each client whose command is now committed (§8).
    fn answer_clients(&mut self, out: &mut Out) {
        let commit = self.commit_index;
        let (done, waiting): (Vec<_>, Vec<_>) = self.pending.drain(..).partition(|(i, _)| *i <= commit);
        self.pending = waiting;
        for (index, value) in done {
            let ours = self.log.get(index as usize - 1).is_some_and(|e| e.command == Command::Value(value.clone()));
            if ours {
                note!(out, ANSWERS_CLIENT, node = self.id, value = format!("{value:?}"), index);
                out.reply(&value, ReplyOutcome::Acknowledged { index });
            }
        }
    }

    fn broadcast_append_entries(&mut self, out: &mut Out) {
        for p in self.peers() {
            self.send_append_entries(p, out);
        }
    }

    /// AppendEntries to `to` with every entry from nextIndex[to] on.
    fn send_append_entries(&mut self, to: NodeId, out: &mut Out) {
        let next = self.next_index[usize::from(to) - 1].max(1);
        let prev_log_index = next - 1;
        let prev_log_term = self.term_at(prev_log_index).unwrap_or(0);
        let entries = self.log.tail(prev_log_index as usize);
        self.sent_index[usize::from(to) - 1] = prev_log_index + entries.len() as u64;
        out.send(
            to,
            RaftMessage::AppendEntries {
                term: self.current_term,
                leader_id: self.id,
                prev_log_index,
                prev_log_term,
                entries,
                leader_commit: self.commit_index,
            },
        );
    }

    /// CheckQuorum (thesis §6.2): once per election timeout, a leader that has
    /// not heard from a majority steps down. Returns whether it is still leader.
    fn check_quorum(&mut self, out: &mut Out) -> bool {
        self.rounds += 1;
        let rounds_per_timeout = self.config.timing.election_timeout.0.div_ceil(self.config.timing.heartbeat).max(1);
        if self.rounds < rounds_per_timeout {
            return true;
        }
        self.rounds = 0;
        let heard = self.heard_from.len() + 1;
        self.heard_from.clear();
        if heard >= self.config.majority() {
            return true;
        }
        note!(out, CHECK_QUORUM_STEPS_DOWN, node = self.id, heard, nodes = self.config.nodes);
        let term = self.current_term;
        self.become_follower(term, None, out);
        false
    }
}
