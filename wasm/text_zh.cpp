// The Chinese (zh-CN) table: one string per Text id, in the enum's order.
#include "wasm/log_text.hpp"

namespace p2p::client {

extern const TextTable kTextZh = {
    "信令通道创建中",  // SignallingConnecting
    "信令通道创建成功",  // SignallingOpen
    "信令通道已关闭",  // SignallingClosed
    "信令通道出错",  // SignallingError
    "无法连接服务器，正在重试（通话不受影响）",  // RelayRetrying
    "已加入房间",  // JoinedRoom
    "对方已在房间中",  // PeerAlreadyHere
    "对方已加入",  // PeerJoined
    "对方已离开",  // PeerLeft
    "对方信令暂时断开，通话继续",  // PeerOffline
    "对方正在重新连接",  // PeerReconnecting
    "对方已挂断",  // PeerHungUp
    "对方重新进入，重新发起通话",  // PeerRestarted
    "已挂断",  // HungUp
    "房间已满：换一个房间名再试",  // RoomFull
    "服务器返回错误",  // RelayError
    "点击“开始”发起通话",  // ClickStart
    "等待对方加入",  // WaitingForPeer
    "对方发起通话，自动接听",  // IncomingCall
    "尝试调取本地摄像头/麦克风",  // RequestingMedia
    "摄像头/麦克风获取成功",  // MediaReady
    "摄像头/麦克风获取失败",  // MediaFailed
    "摄像头/麦克风权限被拒绝：请在地址栏允许后点击“开始”重试",  // PermissionDenied
    "没有找到摄像头或麦克风：请连接设备后重试",  // NoDevice
    "摄像头或麦克风被其他程序占用：关闭该程序后重试",  // DeviceBusy
    "浏览器只允许在 HTTPS 页面使用摄像头/麦克风",  // HttpsRequired
    "创建 RTCPeerConnection",  // CreatingPeerConnection
    "已发送 offer",  // OfferSent
    "收到 offer",  // OfferReceived
    "已发送 answer",  // AnswerSent
    "收到 answer",  // AnswerReceived
    "双方同时发起协商，忽略对方 offer（本方不让步）",  // GlareIgnored
    "双方同时发起协商，回滚本方 offer（本方让步）",  // GlareYield
    "双方同时发起通话，放弃本方 offer，改为应答对方（本方让步）",  // GlareWithdraw
    "再次收到同一个 offer（对方重发）：回复同一个 answer",  // OfferRepeated
    "信令恢复后再协商",  // NegotiationDeferred
    "发送候选",  // CandidateSent
    "收到候选",  // CandidateReceived
    "收到候选（远端描述未就绪，暂存）",  // CandidateQueued
    "暂存候选过多，丢弃",  // CandidateDropped
    "ICE 状态:",  // IceState
    "连接已建立",  // Connected
    "连接中断，正在重连",  // ConnectionLost
    "连接中断：收不到对方的音视频，正在等待网络恢复",  // MediaInterrupted
    "服务器没有回应，正在重新连接",  // SignallingSilent
    "网络已变化",  // NetworkChanged
    "重启 ICE",  // IceRestart
    "对方请求重启 ICE：本方的重启已在进行",  // RestartUnderWay
    "连接已恢复",  // Reconnected
    "连接失败",  // ConnectionFailed
    "无法与对方建立连接：找不到可用的网络路径（可能被防火墙或 NAT 阻挡；在服务器上配置 TURN 可以解决）",  // IceFailed
    "无法通过 TURN 服务器连接（仅中继模式 ?ice=relay）：TURN 服务器无法访问，或拒绝了凭据",  // IceFailedRelay
    "STUN/TURN 服务器错误:",  // IceServerError
    "已更新 TURN 凭据",  // IceServersUpdated
    "收到对方音视频",  // RemoteMedia
    "WebRTC 操作失败",  // PeerOperationFailed
    "收到无效消息",  // BadMessage
    "当前状态下忽略消息",  // UnexpectedMessage
    "忽略过期回调",  // StaleCallback
    "已丢弃：属于另一次通话会话",  // StaleSession
    "正在重新建立连接",  // FreshConnection
    "已请求对方重启 ICE",  // RestartAsked
    "对方信令已恢复",  // PeerBack
    "重新协商由本次会话的发起方进行",  // NegotiationLeftToPeer
    "页面参数错误：type 必须是 offer 或 answer",  // InvalidType
    "页面参数错误：房间名只能包含 A-Z a-z 0-9 _ -，长度 1-64",  // InvalidRoom
    "页面参数错误：ice 只能是 relay 或 all",  // InvalidIce
    "对方已静音",  // PeerMicOff
    "对方已打开麦克风",  // PeerMicOn
    "对方已关闭摄像头",  // PeerCameraOff
    "对方已打开摄像头",  // PeerCameraOn
    "屏幕共享失败",  // ShareFailed
    "切换设备失败",  // DeviceSwitchFailed
    "通话建立后才能发送消息",  // ChatUnavailable
    "P2P 视频通话",  // UiTitle
    "开始",  // UiStart
    "挂断",  // UiHangup
    "静音",  // UiMute
    "取消静音",  // UiUnmute
    "关闭摄像头",  // UiCameraOff
    "打开摄像头",  // UiCameraOn
    "共享屏幕",  // UiShare
    "停止共享",  // UiStopShare
    "统计",  // UiStats
    "下载诊断",  // UiDiagnostics
    "发送",  // UiSend
    "输入消息…",  // UiChatPlaceholder
    "对方",  // UiRemote
    "本地",  // UiLocal
    "验证码",  // UiVerify
    "重连",  // UiReconnect
    "设备",  // UiDevices
    "我",  // UiMe
    "对方",  // UiPeer
    "往返时延",  // StatRtt
    "下行",  // StatIn
    "上行",  // StatOut
    "分辨率",  // StatResolution
    "帧率",  // StatFps
    "丢包",  // StatLoss
    "路径",  // StatPath
    "检查网络",  // UiCheck
    "正在用服务器提供的 STUN 和 TURN 检查本机网络…",  // CheckRunning
    "连上服务器后开始检查",  // CheckWaiting
    "服务器未提供 STUN 或 TURN：只有同一网络内的通话能接通",  // VerdictNoServers
    "STUN 和 TURN 服务器都连不上：只有本网络内的通话能接通",  // VerdictUnreachable
    "直连通话多半可行；不行时有 TURN 中继兜底",  // VerdictDirect
    "直连通话多半可行，但连不上 TURN：对方网络受限时通话会失败",  // VerdictDirectNoTurn
    "这里只有中继通话能接通（TURN/UDP）",  // VerdictRelayUdp
    "本网络的 NAT 不允许直连；经 UDP 中继的通话可以接通",  // VerdictSymmetricRelayUdp
    "这里只有经 TCP 中继的通话能接通",  // VerdictRelayTcp
    "这里只有经 TLS（443 端口）中继的通话能接通",  // VerdictRelayTls
    "本网络的 NAT 不允许直连，又连不上 TURN：通话多半会失败",  // VerdictSymmetricNoTurn
    "可达",  // CheckReached
    "不可达",  // CheckFailed
    "未提供",  // CheckNotOffered
    "NAT：对所有目的地使用同一公网地址",  // CheckNatIndependent
    "NAT：每个目的地换一个公网地址（对称型）",  // CheckNatDependent
};

}  // namespace p2p::client
