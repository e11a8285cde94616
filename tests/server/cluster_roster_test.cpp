// The cluster-mode bookkeeping of a relay's own peers: seats, who shares their room, messages
// held until admission (and the cap on them), leases for the refresh.
#include <gtest/gtest.h>

#include "server/cluster_roster.hpp"

namespace p2p::relay {
namespace {

std::shared_ptr<const std::string> text(std::string value) {
    return std::make_shared<const std::string>(std::move(value));
}

TEST(ClusterRoster, NewPeersWaitForAdmission) {
    ClusterRoster roster("me", 4);
    PeerId peer = roster.add("room", "token-1");
    const ClusterRoster::Seat* seat = roster.find(peer);
    ASSERT_NE(seat, nullptr);
    EXPECT_FALSE(seat->admitted);
    EXPECT_EQ(seat->self, (ClusterMember{"me", peer, "token-1"}));
    EXPECT_TRUE(roster.leases().empty()) << "only admitted seats are refreshed";
    EXPECT_EQ(roster.peer_count(), 1u);
    EXPECT_TRUE(roster.has_room("room"));
}

TEST(ClusterRoster, IdsAreNeverReused) {
    ClusterRoster roster("me", 4);
    PeerId first = roster.add("r", "");
    roster.remove(first);
    EXPECT_NE(roster.add("r", ""), first);
}

TEST(ClusterRoster, AdmissionReturnsHeldMessagesOnce) {
    ClusterRoster roster("me", 4);
    PeerId peer = roster.add("room", "");
    EXPECT_TRUE(roster.hold(peer, text("1")));
    EXPECT_TRUE(roster.hold(peer, text("2")));
    auto held = roster.admit(peer, {ClusterMember{"other", 5, ""}});
    ASSERT_TRUE(held);
    ASSERT_EQ(held->size(), 2u);
    EXPECT_EQ(*(*held)[0], "1");
    EXPECT_EQ(*(*held)[1], "2");
    EXPECT_FALSE(roster.admit(peer, {})) << "a second joined is ignored";
    EXPECT_EQ(roster.find(peer)->others.size(), 1u);
    EXPECT_FALSE(roster.hold(peer, text("3"))) << "admitted peers forward, they do not hold";
}

TEST(ClusterRoster, HoldsAtMostTheCap) {
    ClusterRoster roster("me", 2);
    PeerId peer = roster.add("room", "");
    EXPECT_TRUE(roster.hold(peer, text("1")));
    EXPECT_TRUE(roster.hold(peer, text("2")));
    EXPECT_FALSE(roster.hold(peer, text("3")));
    EXPECT_EQ(roster.admit(peer, {})->size(), 2u);
    EXPECT_FALSE(roster.hold(99, text("x"))) << "unknown peer";
}

TEST(ClusterRoster, OthersComeAndGoOnlyForAdmittedPeers) {
    ClusterRoster roster("me", 4);
    PeerId peer = roster.add("room", "");
    ClusterMember other{"there", 3, "t"};
    EXPECT_FALSE(roster.add_other(peer, other)) << "not admitted yet";
    roster.admit(peer, {});
    EXPECT_TRUE(roster.add_other(peer, other));
    EXPECT_FALSE(roster.add_other(peer, other)) << "already known: no second peer_joined";
    EXPECT_FALSE(roster.remove_other(peer, "there/4/t")) << "never known: no peer_left";
    EXPECT_TRUE(roster.remove_other(peer, "there/3/t"));
    EXPECT_FALSE(roster.remove_other(peer, "there/3/t")) << "no second peer_left";
    EXPECT_FALSE(roster.add_other(77, other));
    EXPECT_FALSE(roster.remove_other(77, "there/3/t"));
}

TEST(ClusterRoster, CountsRoomsWithAPeerOfOurs) {
    ClusterRoster roster("me", 4);
    PeerId a = roster.add("one", "");
    PeerId b = roster.add("one", "");
    PeerId c = roster.add("two", "");
    EXPECT_EQ(roster.room_count(), 2u);
    roster.remove(a);
    EXPECT_EQ(roster.room_count(), 2u);
    roster.remove(b);
    EXPECT_EQ(roster.room_count(), 1u);
    EXPECT_FALSE(roster.has_room("one"));
    EXPECT_TRUE(roster.remove(c));
    EXPECT_FALSE(roster.remove(c)) << "removing twice is harmless";
    EXPECT_EQ(roster.room_count(), 0u);
}

TEST(ClusterRoster, LeasesNameRoomAndMember) {
    ClusterRoster roster("me", 4);
    PeerId peer = roster.add("room", "tok");
    roster.add("room", "");  // waiting: no lease
    roster.admit(peer, {});
    auto leases = roster.leases();
    ASSERT_EQ(leases.size(), 1u);
    EXPECT_EQ(leases[0].peer, peer);
    EXPECT_EQ(leases[0].room, "room");
    EXPECT_EQ(leases[0].member, "me/" + std::to_string(peer) + "/tok");
    EXPECT_EQ(roster.peers().size(), 2u);
}

TEST(ClusterRoster, OnlyAnAdmittedPageWithATokenCanBeAway) {
    ClusterRoster roster("me", 4);
    PeerId waiting = roster.add("room", "token-1");
    EXPECT_FALSE(roster.set_away(waiting)) << "not admitted yet";
    roster.admit(waiting, {});
    EXPECT_TRUE(roster.set_away(waiting));
    EXPECT_TRUE(roster.find(waiting)->away);
    EXPECT_FALSE(roster.set_away(waiting)) << "away once";
    EXPECT_EQ(roster.leases().size(), 1u) << "a held seat is still refreshed";
    PeerId demo_page = roster.add("room", "");
    roster.admit(demo_page, {});
    EXPECT_FALSE(roster.set_away(demo_page)) << "no token to come back with";
    EXPECT_FALSE(roster.set_away(999));
}

TEST(ClusterRoster, AnOtherIsAwayOnceAndItsReturnTakesItsPlace) {
    ClusterRoster roster("me", 4);
    PeerId peer = roster.add("room", "mine");
    const ClusterMember old_seat{"them", 3, "theirs"};
    roster.admit(peer, {old_seat});
    EXPECT_TRUE(roster.other_away(peer, old_seat.text()));
    EXPECT_FALSE(roster.other_away(peer, old_seat.text())) << "told once";
    EXPECT_FALSE(roster.other_away(peer, "them/4/stranger")) << "not in the room";
    const ClusterMember back{"elsewhere", 9, "theirs"};
    EXPECT_TRUE(roster.add_other(peer, back));
    const ClusterRoster::Seat* seat = roster.find(peer);
    ASSERT_EQ(seat->others.size(), 1u) << "the same page, not a third member";
    EXPECT_EQ(seat->others.front(), back);
    EXPECT_TRUE(seat->others_away.empty());
    EXPECT_FALSE(roster.remove_other(peer, old_seat.text())) << "the old seat is gone already";
    EXPECT_TRUE(roster.other_away(peer, back.text())) << "and may be away again later";
}

}  // namespace
}  // namespace p2p::relay
