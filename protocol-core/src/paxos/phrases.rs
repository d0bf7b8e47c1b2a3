//! What Multi-Paxos says, citing the step of "Paxos Made Simple" (P1a, P1b,
//! P2a, P2b) or "Paxos Made Moderately Complex" (PMMC) it follows.

crate::phrases! { "paxos";
    PREEMPTED = "S{node} is preempted: S{from}'s {kind} carries ballot {seen}, higher than its ballot {ballot} (PMMC §3): it stops proposing and backs off until its timer fires (a random election timeout), so the other proposer has time to finish"
        / "S{node} 被抢占：S{from} 的 {kind} 带有轮次 {seen}，高于它的轮次 {ballot}（PMMC §3）：它停止提案并退避，等计时器（一个随机的选举超时）触发再试，让另一个提议者有时间完成";
    PREEMPTED_RETRIES = "S{node} is preempted: S{from}'s {kind} carries ballot {seen}, higher than its ballot {ballot} (PMMC §3); with retry_immediately it does not back off"
        / "S{node} 被抢占：S{from} 的 {kind} 带有轮次 {seen}，高于它的轮次 {ballot}（PMMC §3）；在 retry_immediately 下它不退避";
    RETRIES_PHASE1 = "retry_immediately: S{node} starts phase 1 again at once with ballot {ballot} and sends Prepare to every acceptor (P1a). Without back-off two proposers can preempt each other forever (PMS §2.4)"
        / "retry_immediately：S{node} 立即以轮次 {ballot} 重新开始阶段 1，向每个接受者发送 Prepare（P1a）。没有退避，两个提议者可能永远互相抢占（PMS §2.4）";
    REDIRECT = "S{node} is not the leader: it tells the client to ask S{leader}"
        / "S{node} 不是领导者：它告诉客户端去问 S{leader}";
    NO_LEADER_KNOWN = "S{node} is not the leader and knows no leader: the client must retry"
        / "S{node} 不是领导者，也不知道谁是领导者：客户端必须重试";
    REQUEST_WAITS = "S{node} is still in phase 1 of ballot {ballot}: {value} waits until phase 1 ends"
        / "S{node} 仍处于轮次 {ballot} 的阶段 1：{value} 要等阶段 1 结束";
    PROPOSES_REQUEST = "S{node} leads ballot {ballot}: it skips phase 1 and proposes {value} for slot {slot} (P2a)"
        / "S{node} 领导轮次 {ballot}：它跳过阶段 1，为槽位 {slot} 提议 {value}（P2a）";
    BUG_SKIPS_PHASE1 = "Bug skip_phase1_on_takeover: S{node} leads its new ballot {ballot} at once, without asking any acceptor what it accepted"
        / "缺陷 skip_phase1_on_takeover：S{node} 立即领导它的新轮次 {ballot}，没有询问任何接受者已经接受了什么";
    STARTS_PHASE1 = "S{node} times out: it starts phase 1 with ballot {ballot} and sends Prepare to every acceptor (P1a)"
        / "S{node} 超时：它以轮次 {ballot} 开始阶段 1，向每个接受者发送 Prepare（P1a）";
    PREPARE_BELOW_PROMISE = "P1b: S{node} promised {promised}: it refuses S{from}'s Prepare for the lower ballot {ballot} with a Nack"
        / "P1b：S{node} 已承诺 {promised}：它用 Nack 拒绝 S{from} 较低轮次 {ballot} 的 Prepare";
    PROMISES = "P1b: S{node} promises never to accept a ballot below {ballot} and reports the {count} value(s) it accepted"
        / "P1b：S{node} 承诺不再接受低于 {ballot} 的轮次，并报告它已接受的 {count} 个值";
    PROMISES_SO_FAR = "S{node} has {have} of the {need} promises phase 1 needs for ballot {ballot}"
        / "S{node} 在轮次 {ballot} 已收到 {have} 个承诺，阶段 1 需要 {need} 个";
    LEADS_BALLOT = "S{node} has a phase 1 quorum: it leads ballot {ballot}"
        / "S{node} 凑齐了阶段 1 的法定人数：它领导轮次 {ballot}";
    REPROPOSES = "P2a: slot {slot} was accepted in {accepted_in} with {value}: S{node} must propose {value} again"
        / "P2a：槽位 {slot} 曾在 {accepted_in} 中以 {value} 被接受：S{node} 必须再次提议 {value}";
    BUG_IGNORES_PROMISED = "Bug ignore_promised_values: S{node} ignores what the promises reported for slot {slot} and proposes a no-op"
        / "缺陷 ignore_promised_values：S{node} 忽略承诺中报告的槽位 {slot} 的值，提议一个空操作";
    FILLS_GAP = "P2a: no promise reported slot {slot}: S{node} fills the gap with a no-op"
        / "P2a：没有承诺报告槽位 {slot}：S{node} 用空操作填补空缺";
    PROPOSES_WAITING = "S{node} proposes the waiting {value} for slot {slot}"
        / "S{node} 为槽位 {slot} 提议等待中的 {value}";
    ACCEPT_BELOW_PROMISE = "P2b: S{node} promised {promised}: it refuses S{from}'s Accept for slot {slot} in the lower ballot {ballot} with a Nack"
        / "P2b：S{node} 已承诺 {promised}：它用 Nack 拒绝 S{from} 在较低轮次 {ballot} 中对槽位 {slot} 的 Accept";
    BUG_ACCEPTS_BELOW_PROMISE = "Bug accept_below_promise: S{node} accepts {value} for slot {slot} in ballot {ballot} although it promised {promised}"
        / "缺陷 accept_below_promise：S{node} 在轮次 {ballot} 中为槽位 {slot} 接受了 {value}，尽管它已承诺 {promised}";
    ACCEPTS = "P2b: S{node} accepts {value} for slot {slot} in ballot {ballot}"
        / "P2b：S{node} 在轮次 {ballot} 中为槽位 {slot} 接受 {value}";
    ACCEPTED_SO_FAR = "S{from} accepted slot {slot}: {have} of the {need} acceptances phase 2 needs"
        / "S{from} 接受了槽位 {slot}：阶段 2 需要 {need} 个接受，已有 {have} 个";
    CHOSEN = "Slot {slot} is chosen: a phase 2 quorum accepted {value} in ballot {ballot}"
        / "槽位 {slot} 已选定：阶段 2 的法定人数在轮次 {ballot} 中接受了 {value}";
    LEARNS = "S{node} learns that {value} is chosen for slot {slot}"
        / "S{node} 得知槽位 {slot} 选定了 {value}";
    ANSWERS_CLIENT = "S{node} executed {value} (slot {slot}) and answers the client"
        / "S{node} 执行了 {value}（槽位 {slot}），并回复客户端";
    KEEP_ALIVE = "S{node} leads ballot {ballot}: keep-alive round, a Decide saying how far it has learned (slot {decided}), and Accept re-sent for {count} undecided slot(s)"
        / "S{node} 领导轮次 {ballot}：发送一轮保活消息，即一个说明它已学到哪里（槽位 {decided}）的 Decide，并为 {count} 个未决槽位重发 Accept";
    ASKS_CATCH_UP = "S{node}'s decided prefix ends at slot {commit}, but S{leader}'s keep-alive says S{leader}'s ends at slot {decided}: S{node} missed some Decides (or lost them in a crash: a learner's knowledge is not on disk), so it asks S{leader} for the rest (CatchUp)"
        / "S{node} 已决定的前缀止于槽位 {commit}，而 S{leader} 的保活消息说 S{leader} 的前缀止于槽位 {decided}：S{node} 错过了一些 Decide（或在崩溃中丢失了它们：学习者的知识不在磁盘上），于是向 S{leader} 索取其余部分（CatchUp）";
    SENDS_MISSING = "S{node} sends S{from} the {count} chosen value(s) above slot {decided} in one Decide"
        / "S{node} 用一个 Decide 把槽位 {decided} 之后的 {count} 个已选定值发给 S{from}";

    // Violations.
    AGREEMENT = "S{first} decided {other} for slot {slot}, S{node} decided {value}"
        / "S{first} 为槽位 {slot} 决定了 {other}，而 S{node} 决定了 {value}";
    VALIDITY = "S{node} decided {value} for slot {slot}, which no client proposed"
        / "S{node} 为槽位 {slot} 决定了 {value}，但没有客户端提议过它";
    PROMISE_KEPT = "S{node} accepted {value} for slot {slot} in ballot {ballot} after promising {promised}"
        / "S{node} 在承诺 {promised} 之后，仍在轮次 {ballot} 中为槽位 {slot} 接受了 {value}";
}
