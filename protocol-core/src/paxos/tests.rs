//! Unit tests named after the rules of Paxos Made Simple (PMS) and Paxos
//! Made Moderately Complex (PMMC): phases P1a, P1b, P2a, P2b.

use super::*;
use crate::invariants::{Ack, CheckContext, Checker};
use crate::protocol::{Effect, Outbox, Protocol, ReplyOutcome, Settings};
use crate::scenario::OptionValue;

type Out = Outbox<PaxosMessage>;

fn config(variants: &[&str], quorums: &[(&str, u64)]) -> PaxosConfig {
    let settings = Settings {
        nodes: 5,
        variants: variants.iter().map(|v| v.to_string()).collect(),
        options: quorums.iter().map(|(o, q)| (o.to_string(), OptionValue::Number(*q))).collect(),
        timing: Default::default(),
    };
    PaxosConfig::from_settings(&settings).unwrap()
}

fn node(id: u8) -> Paxos {
    Paxos::boot(id, &config(&[], &[]), None)
}

fn out() -> Out {
    Outbox::new(true)
}

fn b(round: u64, node: u8) -> Ballot {
    Ballot { round, node }
}

fn v(s: &str) -> Value {
    Value::Client(s.into())
}

fn pv(ballot: Ballot, slot: u64, value: Value) -> PValue {
    PValue { ballot, slot, value }
}

fn promise(ballot: Ballot, accepted: Vec<PValue>) -> PaxosMessage {
    PaxosMessage::Promise { ballot, accepted, decided: 0 }
}

/// S1 leading ballot (1,S1) with the promises of S2 and S3 (`reports`: what
/// S2 had accepted).
fn leader_with(cfg: &PaxosConfig, reports: Vec<PValue>) -> (Paxos, Out) {
    let mut n = Paxos::boot(1, cfg, None);
    n.on_timer(&mut out());
    let mut o = out();
    n.on_message(2, promise(b(1, 1), reports), &mut o);
    n.on_message(3, promise(b(1, 1), vec![]), &mut o);
    assert_eq!(n.role, Role::Leader);
    (n, o)
}

fn leader() -> Paxos {
    leader_with(&config(&[], &[]), vec![]).0
}

#[test]
fn p1a_a_timeout_starts_phase1_with_the_next_round_and_a_local_promise() {
    let mut n = node(2);
    let mut o = out();
    n.on_message(4, PaxosMessage::Prepare { ballot: b(3, 4) }, &mut o);
    let mut o = out();
    n.on_timer(&mut o);
    assert_eq!(n.role, Role::Proposer);
    assert_eq!(n.ballot, b(4, 2), "highest round seen + 1, itself");
    assert_eq!(n.promised, b(4, 2), "its own promise is local");
    let prepares = o.sent();
    assert_eq!(prepares.len(), 4);
    assert!(prepares.iter().all(|(_, m)| *m == PaxosMessage::Prepare { ballot: b(4, 2) }));
}

#[test]
fn p1b_an_acceptor_promises_a_higher_ballot_and_reports_what_it_accepted() {
    let mut n = node(2);
    n.on_message(1, PaxosMessage::Accept { ballot: b(1, 1), slot: 1, value: v("x") }, &mut out());
    let mut o = out();
    n.on_message(3, PaxosMessage::Prepare { ballot: b(2, 3) }, &mut o);
    assert_eq!(n.promised, b(2, 3));
    assert_eq!(
        o.sent(),
        vec![(3, PaxosMessage::Promise { ballot: b(2, 3), accepted: vec![pv(b(1, 1), 1, v("x"))], decided: 0 })]
    );
}

#[test]
fn p1b_an_acceptor_nacks_a_prepare_below_its_promise() {
    let mut n = node(2);
    n.on_message(3, PaxosMessage::Prepare { ballot: b(2, 3) }, &mut out());
    let mut o = out();
    n.on_message(1, PaxosMessage::Prepare { ballot: b(2, 1) }, &mut o);
    assert_eq!(o.sent(), vec![(1, PaxosMessage::Nack { ballot: b(2, 1), promised: b(2, 3) })]);
    assert_eq!(n.promised, b(2, 3));
}

#[test]
fn phase1_ends_with_a_phase1_quorum_of_promises() {
    let cfg = config(&[], &[("phase1_quorum", 4), ("phase2_quorum", 2)]);
    let mut n = Paxos::boot(1, &cfg, None);
    n.on_timer(&mut out());
    for from in [2, 3] {
        n.on_message(from, promise(b(1, 1), vec![]), &mut out());
    }
    assert_eq!(n.role, Role::Proposer, "3 promises are not |Q1| = 4");
    n.on_message(4, promise(b(1, 1), vec![]), &mut out());
    assert_eq!(n.role, Role::Leader);
}

#[test]
fn p2a_a_new_leader_proposes_the_value_of_the_highest_ballot_reported() {
    let cfg = config(&[], &[]);
    let mut n = Paxos::boot(1, &cfg, None);
    n.on_message(4, PaxosMessage::Accept { ballot: b(1, 4), slot: 1, value: v("old") }, &mut out());
    n.on_timer(&mut out());
    let mut o = out();
    n.on_message(2, promise(n.ballot, vec![pv(b(1, 5), 1, v("newer"))]), &mut o);
    n.on_message(3, promise(n.ballot, vec![]), &mut o);
    assert_eq!(n.role, Role::Leader);
    let accepts: Vec<_> = o.sent().into_iter().filter(|(_, m)| matches!(m, PaxosMessage::Accept { .. })).collect();
    assert!(
        accepts.iter().all(|(_, m)| matches!(m, PaxosMessage::Accept { slot: 1, value, .. } if *value == v("newer")))
    );
    assert_eq!(accepts.len(), 4);
}

#[test]
fn p2a_ignore_promised_values_proposes_a_noop_instead() {
    let cfg = config(&["ignore_promised_values"], &[]);
    let (n, o) = leader_with(&cfg, vec![pv(b(1, 5), 1, v("x"))]);
    assert!(o.sent().iter().any(|(_, m)| matches!(m, PaxosMessage::Accept { slot: 1, value: Value::Noop, .. })));
    assert_eq!(n.accepted.get(1), Some(&(b(1, 1), Value::Noop)));
}

#[test]
fn a_new_leader_fills_only_gaps_below_the_highest_reported_slot_with_noops() {
    let (mut n, o) = leader_with(&config(&[], &[]), vec![pv(b(1, 5), 3, v("c"))]);
    let proposed: Vec<(u64, Value)> = o
        .sent()
        .into_iter()
        .filter_map(|(to, m)| match m {
            PaxosMessage::Accept { slot, value, .. } if to == 2 => Some((slot, value)),
            _ => None,
        })
        .collect();
    assert_eq!(proposed, vec![(1, Value::Noop), (2, Value::Noop), (3, v("c"))]);
    let mut o = out();
    n.on_client_request("d", &mut o);
    assert!(o.sent().iter().all(|(_, m)| matches!(m, PaxosMessage::Accept { slot: 4, .. })), "slots in order");
}

#[test]
fn a_stable_leader_skips_phase1_for_new_requests() {
    let mut n = leader();
    let mut o = out();
    n.on_client_request("x", &mut o);
    let msgs = o.sent();
    assert_eq!(msgs.len(), 4);
    assert!(msgs.iter().all(|(_, m)| *m == PaxosMessage::Accept { ballot: b(1, 1), slot: 1, value: v("x") }));
    assert_eq!(n.accepted.get(1), Some(&(b(1, 1), v("x"))), "its own acceptance is local");
}

#[test]
fn a_request_reaching_a_proposer_in_phase1_waits_until_phase1_ends() {
    let mut n = node(1);
    n.on_timer(&mut out());
    let mut o = out();
    n.on_client_request("x", &mut o);
    assert!(o.effects.is_empty(), "queued, not answered");
    let mut o = out();
    n.on_message(2, promise(b(1, 1), vec![]), &mut o);
    n.on_message(3, promise(b(1, 1), vec![]), &mut o);
    assert!(o.sent().iter().any(|(_, m)| *m == PaxosMessage::Accept { ballot: b(1, 1), slot: 1, value: v("x") }));
}

#[test]
fn a_non_leader_redirects_to_the_leader_it_knows() {
    let mut n = node(2);
    n.on_message(3, PaxosMessage::Accept { ballot: b(1, 3), slot: 1, value: v("x") }, &mut out());
    let mut o = out();
    n.on_client_request("y", &mut o);
    assert_eq!(
        o.effects,
        vec![Effect::Reply { value: "y".into(), outcome: ReplyOutcome::Redirect { leader: Some(3) } }]
    );
}

#[test]
fn p2b_an_acceptor_accepts_at_or_above_its_promise_and_nacks_below() {
    let mut n = node(2);
    n.on_message(3, PaxosMessage::Prepare { ballot: b(2, 3) }, &mut out());
    let mut o = out();
    n.on_message(3, PaxosMessage::Accept { ballot: b(2, 3), slot: 1, value: v("x") }, &mut o);
    assert_eq!(o.sent(), vec![(3, PaxosMessage::Accepted { ballot: b(2, 3), slot: 1, decided: 0 })]);
    let mut o = out();
    n.on_message(1, PaxosMessage::Accept { ballot: b(1, 1), slot: 1, value: v("y") }, &mut o);
    assert_eq!(o.sent(), vec![(1, PaxosMessage::Nack { ballot: b(1, 1), promised: b(2, 3) })]);
    assert_eq!(n.accepted.get(1), Some(&(b(2, 3), v("x"))));

    let mut buggy = Paxos::boot(2, &config(&["accept_below_promise"], &[]), None);
    buggy.on_message(3, PaxosMessage::Prepare { ballot: b(2, 3) }, &mut out());
    buggy.on_message(1, PaxosMessage::Accept { ballot: b(1, 1), slot: 1, value: v("y") }, &mut out());
    assert_eq!(buggy.accepted.get(1), Some(&(b(1, 1), v("y"))), "accept_below_promise breaks P2b");
}

#[test]
fn a_value_accepted_by_a_phase2_quorum_is_chosen_decided_and_acknowledged() {
    let cfg = config(&[], &[("phase2_quorum", 2)]);
    let (mut n, _) = leader_with(&cfg, vec![]);
    n.on_client_request("x", &mut out());
    assert!(n.decided.is_empty());
    let mut o = out();
    n.on_message(4, PaxosMessage::Accepted { ballot: b(1, 1), slot: 1, decided: 0 }, &mut o);
    assert_eq!(n.decided.get(1), Some(&(1, v("x"))));
    assert_eq!(n.commit, 1);
    assert!(o.effects.contains(&Effect::Reply { value: "x".into(), outcome: ReplyOutcome::Acknowledged { index: 1 } }));
    let decides = o.sent().into_iter().filter(|(_, m)| matches!(m, PaxosMessage::Decide { .. })).count();
    assert_eq!(decides, 4, "the learners are told");
}

#[test]
fn learners_learn_a_chosen_value_whatever_the_ballot_that_announces_it() {
    let mut n = node(2);
    n.on_message(3, PaxosMessage::Prepare { ballot: b(5, 3) }, &mut out());
    n.on_message(
        1,
        PaxosMessage::Decide { ballot: b(1, 1), decisions: vec![(2, v("y")), (1, v("x"))], decided: 0 },
        &mut out(),
    );
    assert_eq!(n.commit, 2);
    assert_eq!(n.leader, None, "an old leader's Decide does not make it the leader");
}

#[test]
fn a_leader_is_preempted_by_a_nack_and_stops_proposing() {
    let mut n = leader();
    n.on_client_request("x", &mut out());
    let mut o = out();
    n.on_message(2, PaxosMessage::Nack { ballot: b(1, 1), promised: b(2, 4) }, &mut o);
    assert_eq!(n.role, Role::Follower);
    let mut o = out();
    n.on_timer(&mut o);
    assert_eq!(n.ballot, b(3, 1), "its next ballot is above the one that preempted it");
}

fn retrying() -> PaxosConfig {
    let settings = Settings {
        nodes: 5,
        variants: Vec::new(),
        options: [("retry_immediately".to_string(), OptionValue::Bool(true))].into_iter().collect(),
        timing: Default::default(),
    };
    PaxosConfig::from_settings(&settings).unwrap()
}

/// PMS §2.4: progress needs one proposer to get the field to itself. By
/// default a preempted proposer backs off: no Prepare now, only a timer
/// drawn from the election-timeout range.
#[test]
fn a_preempted_proposer_backs_off_until_its_timer_by_default() {
    let mut n = node(1);
    n.on_timer(&mut out());
    n.on_client_request("x", &mut out());
    let mut o = out();
    n.on_message(3, PaxosMessage::Prepare { ballot: b(1, 3) }, &mut o);
    assert_eq!(n.role, Role::Follower);
    assert_eq!(o.sent(), vec![(3, promise(b(1, 3), vec![]))], "it promises the higher ballot and proposes nothing");
    let timing = crate::scenario::Timing::default();
    let (lo, hi) = timing.election_timeout;
    assert!(o.effects.contains(&Effect::SetTimer { lo, hi }), "{:?}", o.effects);
    assert!(
        o.effects.contains(&Effect::Reply { value: "x".into(), outcome: ReplyOutcome::Redirect { leader: None } }),
        "the waiting client is told to retry"
    );
}

/// PMMC's leader as written: preempted, it spawns a new scout at once with
/// a ballot above the one that preempted it. Two of them livelock.
#[test]
fn retry_immediately_a_preempted_proposer_starts_phase1_again_at_once() {
    let (mut n, _) = leader_with(&retrying(), vec![]);
    n.on_client_request("x", &mut out());
    let mut o = out();
    n.on_message(2, PaxosMessage::Nack { ballot: b(1, 1), promised: b(2, 4) }, &mut o);
    assert_eq!(n.role, Role::Proposer);
    assert_eq!(n.ballot, b(3, 1), "one round above the ballot that preempted it");
    let prepares: Vec<u8> = o
        .sent()
        .into_iter()
        .filter(|(_, m)| *m == PaxosMessage::Prepare { ballot: b(3, 1) })
        .map(|(to, _)| to)
        .collect();
    assert_eq!(prepares, vec![2, 3, 4, 5]);
    // Its own acceptor reports x for slot 1, so it proposes x again.
    n.on_message(2, promise(b(3, 1), vec![]), &mut out());
    let mut o = out();
    n.on_message(3, promise(b(3, 1), vec![]), &mut o);
    assert!(o.sent().iter().any(|(_, m)| *m == PaxosMessage::Accept { ballot: b(3, 1), slot: 1, value: v("x") }));
}

#[test]
fn retry_immediately_a_proposer_promises_the_rivals_prepare_then_outbids_it() {
    let mut n = Paxos::boot(1, &retrying(), None);
    n.on_timer(&mut out());
    n.on_client_request("x", &mut out());
    let mut o = out();
    n.on_message(3, PaxosMessage::Prepare { ballot: b(1, 3) }, &mut o);
    let sent = o.sent();
    assert_eq!(sent[0], (3, promise(b(1, 3), vec![])), "the acceptor answers first");
    assert!(sent[1..].iter().all(|(_, m)| *m == PaxosMessage::Prepare { ballot: b(2, 1) }));
    assert_eq!(n.promised, b(2, 1));
    assert!(!o.effects.iter().any(|e| matches!(e, Effect::Reply { .. })), "x still waits for phase 1");
    n.on_message(2, promise(b(2, 1), vec![]), &mut out());
    let mut o = out();
    n.on_message(4, promise(b(2, 1), vec![]), &mut o);
    assert!(o.sent().iter().any(|(_, m)| *m == PaxosMessage::Accept { ballot: b(2, 1), slot: 1, value: v("x") }));
}

/// S1 leads (1,S1) and has learned slots 1 and 2 (a, b).
fn leader_with_two_chosen() -> Paxos {
    let cfg = config(&[], &[("phase2_quorum", 2)]);
    let (mut n, _) = leader_with(&cfg, vec![]);
    for (slot, value) in [(1, "a"), (2, "b")] {
        n.on_client_request(value, &mut out());
        n.on_message(2, PaxosMessage::Accepted { ballot: b(1, 1), slot, decided: slot - 1 }, &mut out());
    }
    assert_eq!(n.commit, 2);
    n
}

#[test]
fn the_keep_alive_says_how_far_the_leader_has_learned() {
    let mut n = leader_with_two_chosen();
    let mut o = out();
    n.on_timer(&mut o);
    let to_s2: Vec<PaxosMessage> = o.sent().into_iter().filter(|(to, _)| *to == 2).map(|(_, m)| m).collect();
    // S2 reported slot 1 in its last Accepted: the keep-alive adds slot 2.
    assert_eq!(to_s2, vec![PaxosMessage::Decide { ballot: b(1, 1), decisions: vec![(2, v("b"))], decided: 2 }]);
}

#[test]
fn a_learner_behind_the_keep_alive_asks_for_the_rest_with_catch_up() {
    // S3 restarted: it reported slot 1 before its crash and has learned
    // nothing since, so the keep-alive brings slot 2 and leaves a gap.
    let mut n = node(3);
    let mut o = out();
    n.on_message(1, PaxosMessage::Decide { ballot: b(1, 1), decisions: vec![(2, v("b"))], decided: 2 }, &mut o);
    assert_eq!(n.commit, 0);
    assert_eq!(o.sent(), vec![(1, PaxosMessage::CatchUp { ballot: b(1, 1), decided: 0 })]);
    // A Decide sent when a slot is chosen says nothing about the prefix: a
    // gap may be a Decide still on its way, so the learner does not ask.
    let mut o = out();
    n.on_message(1, PaxosMessage::Decide { ballot: b(1, 1), decisions: vec![(3, v("c"))], decided: 0 }, &mut o);
    assert!(o.sent().is_empty());
    let mut o = out();
    n.on_message(1, PaxosMessage::Decide { ballot: b(1, 1), decisions: vec![(1, v("a"))], decided: 3 }, &mut o);
    assert_eq!(n.commit, 3);
    assert!(o.sent().is_empty(), "up to date: no CatchUp");
}

#[test]
fn the_leader_answers_catch_up_with_every_chosen_value_above_the_learners_prefix() {
    let mut n = leader_with_two_chosen();
    let mut o = out();
    n.on_message(3, PaxosMessage::CatchUp { ballot: b(1, 1), decided: 0 }, &mut o);
    let all = vec![(1, v("a")), (2, v("b"))];
    assert_eq!(o.sent(), vec![(3, PaxosMessage::Decide { ballot: b(1, 1), decisions: all, decided: 2 })]);
    // S3 now counts as up to date; if that Decide is lost, S3 asks again
    // after the next keep-alive, which says the leader is at slot 2.
    let mut o = out();
    n.on_timer(&mut o);
    assert!(o.sent().contains(&(3, PaxosMessage::Decide { ballot: b(1, 1), decisions: vec![], decided: 2 })));
    // Only a leader answers.
    let mut follower = node(2);
    let mut o = out();
    follower.on_message(3, PaxosMessage::CatchUp { ballot: b(1, 1), decided: 0 }, &mut o);
    assert!(o.sent().is_empty());
}

#[test]
fn the_leader_timeout_resends_accept_for_undecided_slots_and_never_starts_a_ballot() {
    let mut n = leader();
    n.on_client_request("x", &mut out());
    n.on_message(2, PaxosMessage::Accepted { ballot: b(1, 1), slot: 1, decided: 0 }, &mut out());
    let mut o = out();
    n.on_timer(&mut o);
    assert_eq!(n.role, Role::Leader);
    assert_eq!(n.ballot, b(1, 1));
    let msgs = o.sent();
    let accepts: Vec<u8> =
        msgs.iter().filter(|(_, m)| matches!(m, PaxosMessage::Accept { slot: 1, .. })).map(|(to, _)| *to).collect();
    assert_eq!(accepts, vec![3, 4, 5], "not to S2, which accepted");
    let keep_alives = msgs.iter().filter(|(_, m)| matches!(m, PaxosMessage::Decide { .. })).count();
    assert_eq!(keep_alives, 4);
}

#[test]
fn followers_reset_their_timer_on_the_leaders_messages() {
    let mut n = node(2);
    for msg in [
        PaxosMessage::Accept { ballot: b(1, 1), slot: 1, value: v("x") },
        PaxosMessage::Decide { ballot: b(1, 1), decisions: vec![], decided: 0 },
    ] {
        let mut o = out();
        n.on_message(1, msg, &mut o);
        assert!(o.effects.iter().any(|e| matches!(e, Effect::SetTimer { .. })));
    }
}

#[test]
fn the_acceptor_state_survives_a_restart_unless_acceptor_amnesia() {
    for (variants, kept) in [(&[][..], true), (&["acceptor_amnesia"][..], false)] {
        let cfg = config(variants, &[]);
        let mut n = Paxos::boot(2, &cfg, None);
        n.on_message(1, PaxosMessage::Accept { ballot: b(3, 1), slot: 1, value: v("x") }, &mut out());
        let back = Paxos::boot(2, &cfg, Some(n.durable()));
        assert_eq!(back.promised == b(3, 1), kept, "{variants:?}");
        assert_eq!(back.accepted.contains_key(1), kept, "{variants:?}");
    }
}

#[test]
fn skip_phase1_on_takeover_leads_without_any_prepare() {
    let mut n = Paxos::boot(1, &config(&["skip_phase1_on_takeover"], &[]), None);
    let mut o = out();
    n.on_timer(&mut o);
    assert_eq!(n.role, Role::Leader);
    assert!(o.sent().is_empty());
}

#[test]
fn flexible_quorum_options_are_validated() {
    let mut settings = Settings { nodes: 5, timing: Default::default(), ..Settings::default() };
    settings.options.insert("phase2_quorum".into(), OptionValue::Number(6));
    let err = PaxosConfig::from_settings(&settings).unwrap_err();
    assert_eq!(err.field, "options.phase2_quorum", "{err}");
    settings.options.insert("phase2_quorum".into(), OptionValue::Bool(true));
    assert!(PaxosConfig::from_settings(&settings).is_err());
    settings.options.insert("phase2_quorum".into(), OptionValue::Number(2));
    settings.options.insert("phase1_quorum".into(), OptionValue::Number(4));
    let cfg = PaxosConfig::from_settings(&settings).unwrap();
    assert!(cfg.quorums_intersect());
    assert_eq!((cfg.phase1_quorum, cfg.phase2_quorum), (4, 2));
    assert!(!config(&[], &[("phase1_quorum", 2), ("phase2_quorum", 2)]).quorums_intersect());
}

/// The checker's rules fail on states that break them (the bug presets show
/// Agreement, PromiseKept and AckedWriteDurable failing in real executions;
/// no bug variant fabricates a value, so Validity is shown here).
#[test]
fn the_checker_flags_validity_agreement_and_promise_kept() {
    let cfg = config(&[], &[]);
    let mut checker = PaxosChecker::new(&cfg);
    let check = |checker: &mut PaxosChecker, nodes: &[Option<Paxos>], touched: &[u8], acks: &[Ack]| {
        let mut found = Vec::new();
        checker.check(&CheckContext { nodes, touched, acks, event: 0, time: 0 }, &mut found);
        found.into_iter().map(|v| v.invariant).collect::<Vec<_>>()
    };
    let mut s1 = node(1);
    s1.on_message(
        2,
        PaxosMessage::Decide { ballot: b(1, 2), decisions: vec![(1, v("forged"))], decided: 0 },
        &mut out(),
    );
    let mut nodes = vec![Some(s1), None, None, None, None];
    assert_eq!(check(&mut checker, &nodes, &[1], &[]), vec!["Validity"]);

    let mut s2 = node(2);
    s2.on_timer(&mut out());
    s2.on_client_request("x", &mut out());
    nodes[1] = Some(s2.clone());
    assert!(check(&mut checker, &nodes, &[2], &[]).is_empty());
    s2.on_message(3, PaxosMessage::Prepare { ballot: b(4, 3) }, &mut out());
    s2.on_message(5, PaxosMessage::Decide { ballot: b(1, 5), decisions: vec![(1, v("x"))], decided: 0 }, &mut out());
    nodes[1] = Some(s2.clone());
    assert_eq!(check(&mut checker, &nodes, &[2], &[]), vec!["Agreement"]);

    // A restart without the promise on disk, then an Accept below it.
    let mut back = Paxos::boot(2, &cfg, None);
    back.on_message(1, PaxosMessage::Accept { ballot: b(2, 1), slot: 2, value: v("x") }, &mut out());
    nodes[1] = Some(back);
    assert_eq!(check(&mut checker, &nodes, &[2], &[]), vec!["PromiseKept"]);
}
