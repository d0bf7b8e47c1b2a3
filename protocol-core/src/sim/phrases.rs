//! What the simulation itself says: interventions and deliveries by hand.

crate::phrases! { "sim";
    DROPPED = "{count} message(s) dropped: {ids}"
            / "丢弃了 {count} 条消息：{ids}";
    DELAYED = "{count} message(s) delayed by {ms} ms: {ids}"
            / "{count} 条消息被延迟 {ms} 毫秒：{ids}";
    DUPLICATED = "message #{id} duplicated as #{copy}"
               / "消息 #{id} 被复制为 #{copy}";
    CRASHED = "S{node} crashes: its volatile state is gone, its durable state stays on disk"
            / "S{node} 崩溃：易失状态丢失，持久状态仍在磁盘上";
    RESTARTED_AMNESIA = "S{node} restarts with amnesia: its disk is empty"
                      / "S{node} 失忆重启：磁盘是空的";
    RESTARTED = "S{node} restarts from its durable state"
              / "S{node} 从持久状态重启";
    PARTITIONED = "the network is split: {groups}"
                / "网络被分区：{groups}";
    CUT = "messages from S{from} to S{to} are now lost"
        / "从 S{from} 发往 S{to} 的消息现在会丢失";
    HEALED = "every link works again"
           / "所有链路恢复正常";
    DELIVERED_BY_HAND = "You deliver #{id} now."
                      / "你现在投递了 #{id}。";
}
