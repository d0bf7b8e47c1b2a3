//! Unit tests named after the rules of Figure 2 and the sections they cite.

use super::*;
use crate::protocol::{Effect, Outbox, Protocol, ReplyOutcome, Settings};
use crate::scenario::OptionValue;

type Out = Outbox<RaftMessage>;

fn config(variants: &[&str], options: &[&str]) -> RaftConfig {
    let settings = Settings {
        nodes: 5,
        variants: variants.iter().map(|v| v.to_string()).collect(),
        options: options.iter().map(|o| (o.to_string(), OptionValue::Bool(true))).collect(),
        timing: Default::default(),
    };
    RaftConfig::from_settings(&settings).unwrap()
}

fn node(id: u8) -> Raft {
    Raft::boot(id, &config(&[], &[]), None)
}

fn out() -> Out {
    Outbox::new(true)
}

fn entry(term: u64, v: &str) -> Entry {
    Entry { term, command: Command::Value(v.into()) }
}

fn rv(term: u64, candidate: u8, last_index: u64, last_term: u64) -> RaftMessage {
    RaftMessage::RequestVote { term, candidate_id: candidate, last_log_index: last_index, last_log_term: last_term }
}

fn ae(term: u64, prev: (u64, u64), entries: Vec<Entry>, commit: u64) -> RaftMessage {
    RaftMessage::AppendEntries {
        term,
        leader_id: 1,
        prev_log_index: prev.0,
        prev_log_term: prev.1,
        entries,
        leader_commit: commit,
    }
}

fn vote_granted(out: &Out) -> bool {
    matches!(out.sent().last(), Some((_, RaftMessage::RequestVoteReply { vote_granted: true, .. })))
}

fn ae_reply(out: &Out) -> (bool, u64) {
    match out.sent().last() {
        Some((_, RaftMessage::AppendEntriesReply { success, index, .. })) => (*success, *index),
        other => panic!("expected an AppendEntriesReply, got {other:?}"),
    }
}

/// A leader of term 1 elected by S2 and S3.
fn leader() -> Raft {
    let mut n = node(1);
    n.on_timer(&mut out());
    for from in [2, 3] {
        n.on_message(from, RaftMessage::RequestVoteReply { term: 1, vote_granted: true }, &mut out());
    }
    assert_eq!(n.role, Role::Leader);
    n
}

#[test]
fn request_vote_rule1_refuses_an_older_term() {
    let mut n = node(2);
    n.current_term = 3;
    let mut o = out();
    n.on_message(1, rv(2, 1, 0, 0), &mut o);
    assert!(!vote_granted(&o));
}

#[test]
fn request_vote_rule2_grants_one_vote_per_term() {
    let mut n = node(2);
    let mut o = out();
    n.on_message(1, rv(1, 1, 0, 0), &mut o);
    assert!(vote_granted(&o));
    assert_eq!(n.voted_for, Some(1));
    let mut o = out();
    n.on_message(3, rv(1, 3, 0, 0), &mut o);
    assert!(!vote_granted(&o), "a second candidate in the same term is refused");
    let mut o = out();
    n.on_message(1, rv(1, 1, 0, 0), &mut o);
    assert!(vote_granted(&o), "the same candidate asking again gets the vote again");
}

#[test]
fn section_5_4_1_election_restriction_refuses_a_less_up_to_date_log() {
    let mut n = node(2);
    n.log = vec![entry(1, "a"), entry(2, "b")].into();
    for (last_index, last_term, granted) in [(5, 1, false), (1, 2, false), (2, 2, true), (1, 3, true)] {
        let mut n = n.clone();
        let mut o = out();
        n.on_message(1, rv(3, 1, last_index, last_term), &mut o);
        assert_eq!(vote_granted(&o), granted, "candidate log last {last_index}@{last_term}");
    }
    let mut buggy = Raft::boot(2, &config(&["no_up_to_date_check"], &[]), None);
    buggy.log = n.log.clone();
    let mut o = out();
    buggy.on_message(1, rv(3, 1, 0, 0), &mut o);
    assert!(vote_granted(&o), "no_up_to_date_check skips §5.4.1");
}

#[test]
fn all_servers_convert_to_follower_on_a_higher_term() {
    let mut n = leader();
    n.on_message(4, RaftMessage::AppendEntriesReply { term: 7, success: false, index: 0 }, &mut out());
    assert_eq!((n.role, n.current_term, n.voted_for), (Role::Follower, 7, None));
}

#[test]
fn candidates_start_an_election_and_win_with_a_majority() {
    let mut n = node(1);
    let mut o = out();
    n.on_timer(&mut o);
    assert_eq!((n.role, n.current_term, n.voted_for), (Role::Candidate, 1, Some(1)));
    assert_eq!(o.sent().iter().filter(|(_, m)| matches!(m, RaftMessage::RequestVote { .. })).count(), 4);
    n.on_message(2, RaftMessage::RequestVoteReply { term: 1, vote_granted: true }, &mut out());
    assert_eq!(n.role, Role::Candidate, "2 of 5 is not a majority");
    n.on_message(3, RaftMessage::RequestVoteReply { term: 1, vote_granted: false }, &mut out());
    assert_eq!(n.role, Role::Candidate, "a refusal is not a vote");
    n.on_message(4, RaftMessage::RequestVoteReply { term: 1, vote_granted: true }, &mut out());
    assert_eq!(n.role, Role::Leader);
}

#[test]
fn append_entries_rule1_refuses_an_older_term() {
    let mut n = node(2);
    n.current_term = 2;
    let mut o = out();
    n.on_message(1, ae(1, (0, 0), vec![entry(1, "a")], 0), &mut o);
    assert_eq!(ae_reply(&o), (false, 0));
    assert!(n.log.is_empty());
}

#[test]
fn append_entries_rule2_refuses_when_prev_log_term_does_not_match() {
    let mut n = node(2);
    n.log = vec![entry(1, "a")].into();
    let mut o = out();
    n.on_message(1, ae(2, (1, 2), vec![entry(2, "b")], 0), &mut o);
    assert_eq!(ae_reply(&o), (false, 1));
    let mut o = out();
    n.on_message(1, ae(2, (3, 1), vec![], 0), &mut o);
    assert_eq!(ae_reply(&o), (false, 3), "no entry at all at prevLogIndex");
}

#[test]
fn append_entries_rule3_deletes_a_conflicting_entry_and_all_that_follow() {
    let mut n = node(2);
    n.log = vec![entry(1, "a"), entry(1, "b"), entry(1, "c")].into();
    let mut o = out();
    n.on_message(1, ae(2, (1, 1), vec![entry(2, "x")], 0), &mut o);
    assert_eq!(n.log, vec![entry(1, "a"), entry(2, "x")].into());
    assert_eq!(ae_reply(&o), (true, 2));
}

#[test]
fn append_entries_rule4_a_stale_request_does_not_truncate() {
    let mut n = node(2);
    n.log = vec![entry(1, "a"), entry(1, "b")].into();
    n.on_message(1, ae(1, (0, 0), vec![entry(1, "a")], 0), &mut out());
    assert_eq!(n.log.len(), 2, "matching entries are kept, later ones too");
    let mut buggy = Raft::boot(2, &config(&["truncate_on_any_append"], &[]), None);
    buggy.log = n.log.clone();
    buggy.on_message(1, ae(1, (0, 0), vec![entry(1, "a")], 0), &mut out());
    assert_eq!(buggy.log.len(), 1, "truncate_on_any_append erases b");
}

#[test]
fn append_entries_rule5_commit_index_is_min_of_leader_commit_and_last_new_entry() {
    let mut n = node(2);
    n.on_message(1, ae(1, (0, 0), vec![entry(1, "a"), entry(1, "b")], 5), &mut out());
    assert_eq!(n.commit_index, 2);
    n.on_message(1, ae(1, (1, 1), vec![], 5), &mut out());
    assert_eq!(n.commit_index, 2, "never moves back");
}

#[test]
fn leaders_decrement_next_index_and_retry_on_a_mismatch() {
    let mut n = leader();
    n.on_client_request("a", &mut out());
    assert_eq!(n.next_index[1], 1);
    let mut n2 = n.clone();
    n2.next_index[1] = 2;
    let mut o = out();
    n2.on_message(2, RaftMessage::AppendEntriesReply { term: 1, success: false, index: 1 }, &mut o);
    assert_eq!(n2.next_index[1], 1);
    assert!(matches!(o.sent()[..], [(2, RaftMessage::AppendEntries { prev_log_index: 0, .. })]));
}

#[test]
fn leaders_update_match_index_on_a_successful_reply_without_entries() {
    let mut n = leader();
    n.on_message(2, RaftMessage::AppendEntriesReply { term: 1, success: true, index: 0 }, &mut out());
    assert_eq!((n.match_index[1], n.next_index[1]), (0, 1));
    n.log.push(entry(1, "a"));
    n.on_message(2, RaftMessage::AppendEntriesReply { term: 1, success: true, index: 1 }, &mut out());
    assert_eq!((n.match_index[1], n.next_index[1]), (1, 2));
}

#[test]
fn section_5_4_2_leaders_commit_only_entries_of_their_term_by_counting() {
    let make = |variants: &[&str]| {
        let mut n = Raft::boot(1, &config(variants, &[]), None);
        n.log = vec![entry(1, "old")].into();
        n.current_term = 1;
        n.on_timer(&mut out()); // term 2
        for from in [2, 3] {
            n.on_message(from, RaftMessage::RequestVoteReply { term: 2, vote_granted: true }, &mut out());
        }
        for from in [2, 3] {
            n.on_message(from, RaftMessage::AppendEntriesReply { term: 2, success: true, index: 1 }, &mut out());
        }
        n
    };
    assert_eq!(make(&[]).commit_index, 0, "index 1 is from term 1: counting does not commit it");
    assert_eq!(make(&["commit_by_counting"]).commit_index, 1);
    // Committing an entry of the current term commits the older one too.
    let mut n = make(&[]);
    n.on_client_request("new", &mut out());
    for from in [2, 3] {
        n.on_message(from, RaftMessage::AppendEntriesReply { term: 2, success: true, index: 2 }, &mut out());
    }
    assert_eq!(n.commit_index, 2);
}

#[test]
fn leaders_answer_clients_once_committed_and_followers_redirect() {
    let mut n = leader();
    let mut o = out();
    n.on_client_request("x", &mut o);
    assert!(!o.effects.iter().any(|e| matches!(e, Effect::Reply { .. })), "not before commit");
    n.on_message(2, RaftMessage::AppendEntriesReply { term: 1, success: true, index: 1 }, &mut out());
    let mut o = out();
    n.on_message(3, RaftMessage::AppendEntriesReply { term: 1, success: true, index: 1 }, &mut o);
    assert!(o.effects.contains(&Effect::Reply { value: "x".into(), outcome: ReplyOutcome::Acknowledged { index: 1 } }));
    let mut f = node(2);
    f.on_message(1, ae(1, (0, 0), vec![], 0), &mut out());
    let mut o = out();
    f.on_client_request("y", &mut o);
    assert_eq!(
        o.effects,
        vec![Effect::Reply { value: "y".into(), outcome: ReplyOutcome::Redirect { leader: Some(1) } }]
    );
}

#[test]
fn durable_state_survives_a_restart_except_the_vote_when_it_is_not_persisted() {
    let mut n = node(2);
    n.on_message(1, rv(3, 1, 0, 0), &mut out());
    n.log.push(entry(3, "a"));
    n.commit_index = 1;
    let back = Raft::boot(2, &config(&[], &[]), Some(n.durable()));
    assert_eq!((back.current_term, back.voted_for, back.log.len(), back.commit_index), (3, Some(1), 1, 0));
    let buggy = Raft::boot(2, &config(&["vote_not_persisted"], &[]), None);
    let mut b = buggy.clone();
    b.on_message(1, rv(3, 1, 0, 0), &mut out());
    assert_eq!(b.durable().voted_for, None);
}

#[test]
fn prevote_asks_without_changing_any_term() {
    let cfg = config(&[], &["prevote"]);
    let mut n = Raft::boot(1, &cfg, None);
    let mut o = out();
    n.on_timer(&mut o);
    assert_eq!((n.role, n.current_term), (Role::PreCandidate, 0));
    assert!(o.sent().iter().all(|(_, m)| matches!(m, RaftMessage::PreVote { term: 1, .. })));
    let mut voter = Raft::boot(2, &cfg, None);
    let mut o = out();
    voter.on_message(1, RaftMessage::PreVote { term: 1, candidate_id: 1, last_log_index: 0, last_log_term: 0 }, &mut o);
    assert_eq!(voter.current_term, 0, "a pre-vote changes no term");
    assert!(matches!(o.sent()[..], [(1, RaftMessage::PreVoteReply { vote_granted: true, .. })]));
    // With a live leader, the pre-vote is refused (thesis §9.6).
    voter.on_message(3, ae(1, (0, 0), vec![], 0), &mut out());
    let mut o = out();
    voter.on_message(1, RaftMessage::PreVote { term: 2, candidate_id: 1, last_log_index: 0, last_log_term: 0 }, &mut o);
    assert!(matches!(o.sent()[..], [(1, RaftMessage::PreVoteReply { vote_granted: false, .. })]));
    // Pre-votes from a majority start the real election.
    for from in [2, 3] {
        n.on_message(from, RaftMessage::PreVoteReply { term: 1, vote_granted: true }, &mut out());
    }
    assert_eq!((n.role, n.current_term), (Role::Candidate, 1));
}

#[test]
fn check_quorum_leader_steps_down_without_a_majority() {
    let cfg = config(&[], &["check_quorum"]);
    let mut n = Raft::boot(1, &cfg, None);
    n.on_timer(&mut out());
    for from in [2, 3] {
        n.on_message(from, RaftMessage::RequestVoteReply { term: 1, vote_granted: true }, &mut out());
    }
    assert_eq!(n.role, Role::Leader);
    for _ in 0..3 {
        n.on_timer(&mut out());
    }
    assert_eq!(n.role, Role::Follower, "heard from nobody for an election timeout");
}
