#include "wasm/log_text.hpp"

namespace p2p::client {

std::string_view text(Text id) {
    switch (id) {
        case Text::SignallingConnecting: return "信令通道创建中";
        case Text::SignallingOpen: return "信令通道创建成功";
        case Text::SignallingClosed: return "信令通道已关闭";
        case Text::SignallingError: return "信令通道出错";
        case Text::JoinedRoom: return "已加入房间";
        case Text::PeerAlreadyHere: return "对方已在房间中";
        case Text::PeerJoined: return "对方已加入";
        case Text::PeerLeft: return "对方已离开";
        case Text::RoomFull: return "房间已满";
        case Text::RelayError: return "服务器返回错误";
        case Text::ClickStart: return "点击“开始”发起通话";
        case Text::WaitingForPeer: return "等待对方加入";
        case Text::WaitingForOffer: return "等待对方发起通话";
        case Text::RequestingMedia: return "尝试调取本地摄像头/麦克风";
        case Text::MediaReady: return "摄像头/麦克风获取成功";
        case Text::MediaFailed: return "摄像头/麦克风获取失败";
        case Text::CreatingPeerConnection: return "创建 RTCPeerConnection";
        case Text::CreatingLocalSdp: return "创建本地SDP";
        case Text::OfferSent: return "已发送 offer";
        case Text::OfferReceived: return "收到 offer";
        case Text::AnswerSent: return "已发送 answer";
        case Text::AnswerReceived: return "收到 answer";
        case Text::CandidateSent: return "发送候选";
        case Text::CandidateReceived: return "收到候选";
        case Text::CandidateQueued: return "收到候选（远端描述未就绪，暂存）";
        case Text::CandidateDropped: return "暂存候选过多，丢弃";
        case Text::IceState: return "ICE 状态:";
        case Text::ConnectionState: return "连接状态:";
        case Text::Connected: return "连接已建立";
        case Text::ConnectionFailed: return "连接失败";
        case Text::RemoteMedia: return "收到对方音视频";
        case Text::PeerOperationFailed: return "WebRTC 操作失败";
        case Text::BadMessage: return "收到无效消息";
        case Text::UnexpectedMessage: return "当前状态下忽略消息";
        case Text::StaleCallback: return "忽略过期回调";
        case Text::InvalidType: return "页面参数错误：type 必须是 offer 或 answer";
        case Text::InvalidRoom: return "页面参数错误：房间名只能包含 A-Z a-z 0-9 _ -，长度 1-64";
    }
    return "?";
}

}  // namespace p2p::client
