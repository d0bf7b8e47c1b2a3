//! What Raft says, citing the rule of Figure 2 or the section of the paper
//! (or of Ongaro's thesis) it follows.

crate::phrases! { "raft";
    IGNORES_DISRUPTIVE_VOTE = "S{node} ignores S{from}'s RequestVote for term {term}: it heard from its leader within the election timeout (thesis §4.2.3)"
        / "S{node} 忽略 S{from} 在任期 {term} 的 RequestVote：它在选举超时内收到过领导者的消息（博士论文 §4.2.3）";
    SEES_NEWER_TERM = "Figure 2, all servers: S{node} sees term {term} > {current} and becomes a follower in term {term}"
        / "图 2，所有服务器：S{node} 看到任期 {term} > {current}，于是在任期 {term} 成为跟随者";
    HEARTBEAT = "S{node} is leader: heartbeat round to every follower (§5.2)"
        / "S{node} 是领导者：向每个跟随者发送一轮心跳（§5.2）";
    REDIRECT = "S{node} is not the leader: it tells the client to ask S{leader} (§8)"
        / "S{node} 不是领导者：它告诉客户端去问 S{leader}（§8）";
    NO_LEADER_KNOWN = "S{node} is not the leader and knows no leader: the client must retry (§8)"
        / "S{node} 不是领导者，也不知道谁是领导者：客户端必须重试（§8）";
    APPENDS_REQUEST = "S{node} appends {value} at index {index} in term {term} and replicates it (§5.3)"
        / "S{node} 在任期 {term} 把 {value} 追加到索引 {index}，并复制给其他服务器（§5.3）";
    ASKS_PREVOTES = "S{node}'s election timeout elapsed: it asks for pre-votes for term {term} without changing its term (thesis §9.6)"
        / "S{node} 的选举超时到期：它不改变自己的任期，先为任期 {term} 请求预投票（博士论文 §9.6）";
    STARTS_ELECTION = "Figure 2, candidates: S{node} starts an election for term {term}, votes for itself and asks the others (§5.2)"
        / "图 2，候选人：S{node} 发起任期 {term} 的选举，先投自己一票，再向其他服务器请求投票（§5.2）";
    VOTE_STALE_TERM = "RequestVote rule 1: S{node} refuses S{candidate}: term {term} < its term {current}"
        / "RequestVote 规则 1：S{node} 拒绝 S{candidate}：任期 {term} < 它的任期 {current}";
    ALREADY_VOTED = "RequestVote rule 2: S{node} already voted for S{voted} in term {term}"
        / "RequestVote 规则 2：S{node} 在任期 {term} 已经投票给了 S{voted}";
    VOTE_LOG_NOT_UP_TO_DATE = "RequestVote rule 2, §5.4.1: S{node} refuses S{candidate}: its log (last {index}@term{term}) is more up-to-date than the candidate's ({their_index}@term{their_term})"
        / "RequestVote 规则 2，§5.4.1：S{node} 拒绝 S{candidate}：它的日志（最后一条 {index}@任期{term}）比候选人的（{their_index}@任期{their_term}）更新";
    GRANTS_VOTE = "RequestVote rule 2: S{node} grants its vote to S{candidate} for term {term}: its log is at least as up-to-date (§5.4.1)"
        / "RequestVote 规则 2：S{node} 在任期 {term} 把票投给 S{candidate}：候选人的日志至少和它的一样新（§5.4.1）";
    BUG_GRANTS_VOTE = "Bug no_up_to_date_check: S{node} grants its vote to S{candidate} for term {term} although its own log is more up-to-date (§5.4.1)"
        / "缺陷 no_up_to_date_check：S{node} 在任期 {term} 把票投给 S{candidate}，尽管它自己的日志更新（§5.4.1）";
    VOTES_SO_FAR = "S{node} has {have} of {need} votes needed for term {term}"
        / "S{node} 在任期 {term} 已获得 {have} 票，需要 {need} 票";
    BECOMES_LEADER = "S{node} won a majority and becomes leader of term {term} (§5.2)"
        / "S{node} 赢得多数票，成为任期 {term} 的领导者（§5.2）";
    APPENDS_NOOP = "S{node} appends a no-op to commit entries of earlier terms (§8)"
        / "S{node} 追加一条空操作（no-op），以便提交之前任期的条目（§8）";
    PREVOTE_STALE_TERM = "S{node} refuses S{candidate}'s pre-vote: term {term} < its term {current}"
        / "S{node} 拒绝 S{candidate} 的预投票：任期 {term} < 它的任期 {current}";
    PREVOTE_LEADER_ALIVE = "S{node} refuses S{candidate}'s pre-vote: it has a live leader (§9.6)"
        / "S{node} 拒绝 S{candidate} 的预投票：它的领导者仍然存活（§9.6）";
    PREVOTE_LOG_NOT_UP_TO_DATE = "S{node} refuses S{candidate}'s pre-vote: its own log is more up-to-date (§5.4.1)"
        / "S{node} 拒绝 S{candidate} 的预投票：它自己的日志更新（§5.4.1）";
    GRANTS_PREVOTE = "S{node} would vote for S{candidate} in term {term}: it grants the pre-vote (§9.6)"
        / "S{node} 在任期 {term} 会投票给 S{candidate}：它同意预投票（§9.6）";
    PREVOTES_WON = "S{node} has pre-votes from a majority: it starts a real election"
        / "S{node} 获得了多数派的预投票：它发起真正的选举";
    APPEND_STALE_TERM = "AppendEntries rule 1: S{node} rejects S{leader}: term {term} < its term {current}"
        / "AppendEntries 规则 1：S{node} 拒绝 S{leader}：任期 {term} < 它的任期 {current}";
    FOLLOWS_LEADER = "S{node} hears from S{leader}, leader of term {term}, and becomes a follower (§5.2)"
        / "S{node} 收到任期 {term} 的领导者 S{leader} 的消息，成为跟随者（§5.2）";
    NO_MATCHING_ENTRY = "AppendEntries rule 2: S{node} has no entry at index {index} with term {term}: it refuses (§5.3)"
        / "AppendEntries 规则 2：S{node} 在索引 {index} 处没有任期为 {term} 的条目：它拒绝（§5.3）";
    BUG_TRUNCATES = "Bug truncate_on_any_append: S{node} deletes its entries after index {index}"
        / "缺陷 truncate_on_any_append：S{node} 删除索引 {index} 之后的所有条目";
    CONFLICTING_ENTRY = "AppendEntries rule 3: S{node}'s entry at index {index} has term {mine}, the leader's has term {theirs}: it deletes it and all that follow"
        / "AppendEntries 规则 3：S{node} 在索引 {index} 处的条目任期为 {mine}，领导者的为 {theirs}：它删除该条目及其后的所有条目";
    FOLLOWER_COMMITS = "AppendEntries rule 5: S{node} advances commitIndex from {from} to {to}"
        / "AppendEntries 规则 5：S{node} 把 commitIndex 从 {from} 推进到 {to}";
    DECREMENTS_NEXT_INDEX = "S{from}'s log does not match at index {index}: S{node} decrements nextIndex[S{from}] to {next} and retries (§5.3)"
        / "S{from} 的日志在索引 {index} 处不匹配：S{node} 把 nextIndex[S{from}] 减到 {next} 并重试（§5.3）";
    OLD_TERM_NOT_COUNTED = "§5.4.2: index {index} is on a majority but has term {term}, not the current term {current}: counting replicas does not commit it"
        / "§5.4.2：索引 {index} 已存储在多数派上，但它的任期是 {term} 而不是当前任期 {current}：仅靠副本计数不能提交它";
    BUG_COMMITS_BY_COUNTING = "Bug commit_by_counting: S{node} commits index {index} of term {term} only because a majority stores it (§5.4.2 forbids this)"
        / "缺陷 commit_by_counting：S{node} 仅因多数派存储了任期 {term} 的索引 {index} 就提交了它（§5.4.2 禁止这样做）";
    LEADER_COMMITS = "S{node} commits up to index {index}: stored on a majority (§5.3)"
        / "S{node} 提交到索引 {index}：已存储在多数派上（§5.3）";
    ANSWERS_CLIENT = "S{node} applied {value} (index {index}) and answers the client"
        / "S{node} 应用了 {value}（索引 {index}），并回复客户端";
    CHECK_QUORUM_STEPS_DOWN = "CheckQuorum: S{node} heard from only {heard} of {nodes} servers in an election timeout and steps down (thesis §6.2)"
        / "CheckQuorum：S{node} 在一个选举超时内只收到 {nodes} 台服务器中 {heard} 台的消息，于是退位（博士论文 §6.2）";

    // Violations (Figure 3).
    STATE_MACHINE_SAFETY = "S{first} committed {other} at index {index}, S{node} committed {entry}"
        / "S{first} 在索引 {index} 处提交了 {other}，而 S{node} 提交了 {entry}";
    LEADER_APPEND_ONLY = "leader S{node} of term {term} deleted entries of its own log"
        / "任期 {term} 的领导者 S{node} 删除了自己日志中的条目";
    ELECTION_SAFETY = "S{other} and S{node} were both leader in term {term}"
        / "S{other} 和 S{node} 在任期 {term} 都是领导者";
    LEADER_COMPLETENESS = "S{node} became leader of term {term} without the committed entry {entry} at index {index}"
        / "S{node} 成为任期 {term} 的领导者，却没有索引 {index} 处已提交的条目 {entry}";
    LOG_MATCHING = "S{node} and S{other} both have an entry of term {term} at index {index}, but their logs differ before it"
        / "S{node} 和 S{other} 在索引 {index} 处都有任期 {term} 的条目，但在此之前的日志不同";
}
