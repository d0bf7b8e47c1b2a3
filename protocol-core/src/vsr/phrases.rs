//! What VSR says, citing the section and step of "Viewstamped Replication
//! Revisited" (Liskov and Cowling, 2012) it follows.

crate::phrases! { "vsr";
    SENDS_RECOVERY = "§4.3 step 1: S{node} lost its state: it sends Recovery with a fresh nonce {nonce} to every replica"
        / "§4.3 第 1 步：S{node} 丢失了状态：它向每个副本发送带有新 nonce {nonce} 的 Recovery";
    LAGS_BEHIND_COMMIT = "§5.2: op {commit} is committed but S{node} has ops only up to {op}: it sends GetState"
        / "§5.2：操作 {commit} 已提交，但 S{node} 只有到 {op} 为止的操作：它发送 GetState";
    RECOVERING_NO_VIEW_CHANGE = "S{node} is recovering: it takes part in no view change until it has recovered (§4.3)"
        / "S{node} 正在恢复：恢复完成之前它不参与任何视图变更（§4.3）";
    HEARTBEAT = "S{node} is primary: Commit (view {view}, commit {commit}) to every replica (§4.1)"
        / "S{node} 是主副本：向每个副本发送 Commit（视图 {view}，提交号 {commit}）（§4.1）";
    PRIMARY_SILENT = "§4.2 step 1: S{node}'s timer expired without word from the primary: it starts a view change to view {view}"
        / "§4.2 第 1 步：S{node} 的计时器到期，仍没有主副本的消息：它发起到视图 {view} 的视图变更";
    VIEW_CHANGE_STALLED = "§4.2 step 1: S{node}'s timer expired during a view change: it starts a view change to view {view}"
        / "§4.2 第 1 步：S{node} 的计时器在视图变更期间到期：它发起到视图 {view} 的视图变更";
    REDIRECT = "S{node} is a backup: it tells the client that S{primary} is the primary (§4.1)"
        / "S{node} 是备份副本：它告诉客户端 S{primary} 是主副本（§4.1）";
    NO_PRIMARY_KNOWN = "S{node} is not in normal status and knows no primary: the client must retry"
        / "S{node} 不处于 normal 状态，也不知道主副本是谁：客户端必须重试";
    ASSIGNS_OP = "§4.1 step 2: primary S{node} assigns op-number {op} to {value} and sends Prepare to the backups"
        / "§4.1 第 2 步：主副本 S{node} 为 {value} 分配 op-number {op}，并向备份副本发送 Prepare";
    ASKS_STATE_FOR_VIEW = "§5.2: S{node} learns that view {view} has started: it asks S{from} with GetState for the ops after its commit-number {commit}"
        / "§5.2：S{node} 得知视图 {view} 已开始：它用 GetState 向 S{from} 请求其 commit-number {commit} 之后的操作";
    APPENDS_PREPARE = "§4.1 step 4: S{node} appends {request} as op-number {op} and answers PrepareOk"
        / "§4.1 第 4 步：S{node} 把 {request} 追加为 op-number {op}，并回复 PrepareOk";
    PREPARE_AGAIN = "S{node} already has op-number {op}: it answers PrepareOk again"
        / "S{node} 已经有 op-number {op}：它再次回复 PrepareOk";
    PREPARE_GAP = "§5.2: S{node} has ops only up to {have} and cannot take op-number {op}: it asks the primary for the missing ones with GetState"
        / "§5.2：S{node} 只有到 {have} 为止的操作，无法接收 op-number {op}：它用 GetState 向主副本请求缺失的操作";
    BACKUP_EXECUTES = "§4.1 step 7: S{node} executes ops {first} to {upto} and sets commit-number {upto}"
        / "§4.1 第 7 步：S{node} 执行操作 {first} 到 {upto}，并把 commit-number 设为 {upto}";
    STALE_PREPARE_OK = "§4.1: S{node} ignores S{from}'s PrepareOk of view {view}: it is in view {current}"
        / "§4.1：S{node} 忽略 S{from} 在视图 {view} 的 PrepareOk：它处于视图 {current}";
    BUG_COUNTS_STALE_PREPARE_OK = "Bug stale_prepare_ok: S{node} counts S{from}'s PrepareOk of old view {view} for op {op}"
        / "缺陷 stale_prepare_ok：S{node} 把 S{from} 在旧视图 {view} 中对操作 {op} 的 PrepareOk 计入法定人数";
    COMMITS = "§4.1 step 5: S{node} has f = {need} PrepareOk messages for op {op}: ops up to {op} are committed"
        / "§4.1 第 5 步：S{node} 已收到操作 {op} 的 f = {need} 条 PrepareOk：到 {op} 为止的操作已提交";
    ANSWERS_CLIENT = "S{node} executes {value} (op {op}) and sends the client its Reply"
        / "S{node} 执行 {value}（操作 {op}），并向客户端发送 Reply";
    JOINS_VIEW_CHANGE = "§4.2 step 1: S{node} hears of view {view} from S{from}: it joins the view change"
        / "§4.2 第 1 步：S{node} 从 S{from} 得知视图 {view}：它加入视图变更";
    SENDS_DO_VIEW_CHANGE = "§4.2 step 2: S{node} has StartViewChange from {count} others: DoViewChange to S{primary} with its log, last normal view {last_normal}, op-number {op}"
        / "§4.2 第 2 步：S{node} 收到了另外 {count} 个副本的 StartViewChange：向 S{primary} 发送 DoViewChange，附上它的日志、最近的 normal 视图 {last_normal} 和 op-number {op}";
    JOINS_BY_DO_VIEW_CHANGE = "§4.2 step 1: S{node} hears of view {view} from S{from}'s DoViewChange: it joins the view change"
        / "§4.2 第 1 步：S{node} 从 S{from} 的 DoViewChange 得知视图 {view}：它加入视图变更";
    BUG_LOG_BY_OP_ONLY = "Bug log_by_op_only: S{node} takes S{source}'s log for its op-number {op} alone, whatever its last normal view {last_normal}"
        / "缺陷 log_by_op_only：S{node} 仅凭 op-number {op} 就采用了 S{source} 的日志，而不管它最近的 normal 视图 {last_normal}";
    STARTS_VIEW = "§4.2 step 3: S{node} has {count} DoViewChange messages: it takes S{source}'s log (last normal view {last_normal}, op-number {op}) and commit-number {commit}, and starts view {view}"
        / "§4.2 第 3 步：S{node} 收到 {count} 条 DoViewChange：它采用 S{source} 的日志（最近的 normal 视图 {last_normal}，op-number {op}）和 commit-number {commit}，并开始视图 {view}";
    TAKES_START_VIEW = "§4.2 step 5: S{node} takes S{from}'s log ({ops} ops) and is a backup in view {view}"
        / "§4.2 第 5 步：S{node} 采用 S{from} 的日志（{ops} 个操作），成为视图 {view} 的备份副本";
    SENDS_NEW_STATE = "§5.2: S{node} sends S{from} NewState with its ops after {after}"
        / "§5.2：S{node} 向 S{from} 发送 NewState，附上 {after} 之后的操作";
    TAKES_NEW_STATE = "§5.2: S{node} takes S{from}'s ops after {after} and is a backup in view {view}"
        / "§5.2：S{node} 采用 S{from} 在 {after} 之后的操作，成为视图 {view} 的备份副本";
    APPENDS_MISSING = "§5.2: S{node} appends the missing ops: it now has ops up to {op}"
        / "§5.2：S{node} 追加缺失的操作：现在它有到 {op} 为止的操作";
    ANSWERS_RECOVERY = "§4.3 step 2: S{node} answers S{from}'s Recovery (nonce {nonce}) with its view {view}"
        / "§4.3 第 2 步：S{node} 用它的视图 {view} 回复 S{from} 的 Recovery（nonce {nonce}）";
    PRIMARY_ANSWERS_RECOVERY = "§4.3 step 2: S{node} answers S{from}'s Recovery (nonce {nonce}) with its view {view}, and as primary its log, op-number and commit-number"
        / "§4.3 第 2 步：S{node} 回复 S{from} 的 Recovery（nonce {nonce}），附上它的视图 {view}；作为主副本，还附上日志、op-number 和 commit-number";
    IGNORES_OLD_NONCE = "§4.3 step 3: S{node} ignores a RecoveryResponse with nonce {nonce}: it answers an earlier recovery, not this one ({current})"
        / "§4.3 第 3 步：S{node} 忽略 nonce 为 {nonce} 的 RecoveryResponse：它回应的是更早的一次恢复，而不是这次（{current}）";
    BUG_ACCEPTS_OLD_NONCE = "Bug recovery_without_nonce: S{node} accepts S{from}'s answer to an earlier recovery (nonce {nonce}, not {current})"
        / "缺陷 recovery_without_nonce：S{node} 接受了 S{from} 对更早一次恢复的回应（nonce {nonce}，而不是 {current}）";
    RECOVERS_AGAIN = "S{node} hears from S{from}, primary of view {view}: it asks again for recovery"
        / "S{node} 收到视图 {view} 的主副本 S{from} 的消息：它再次请求恢复";
    RECOVERED = "§4.3 step 3: S{node} has {count} answers, one from S{primary}, primary of view {view}: it takes its log ({ops} ops, commit-number {commit}) and is normal again"
        / "§4.3 第 3 步：S{node} 收到 {count} 个回应，其中一个来自视图 {view} 的主副本 S{primary}：它采用该日志（{ops} 个操作，commit-number {commit}），恢复为 normal 状态";

    // Violations.
    COMMIT_WITHIN_LOG = "S{node}'s commit-number {commit} is past its op-number {op}"
        / "S{node} 的 commit-number {commit} 超过了它的 op-number {op}";
    COMMITTED_PREFIX_AGREEMENT = "S{first} committed {other} at op-number {op}, S{node} committed {entry}"
        / "S{first} 在 op-number {op} 处提交了 {other}，而 S{node} 提交了 {entry}";
}
