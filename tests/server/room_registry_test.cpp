#include "server/room_registry.hpp"

#include <gtest/gtest.h>

namespace p2p::relay {
namespace {

using Peers = std::vector<PeerId>;

TEST(RoomRegistry, FirstJoinerIsAloneAndSecondSeesTheFirst) {
    RoomRegistry rooms;
    auto first = rooms.join("kitchen");
    ASSERT_TRUE(first);
    EXPECT_EQ(first->peers_in_room, 1u);
    EXPECT_EQ(first->others, Peers{});
    auto second = rooms.join("kitchen");
    ASSERT_TRUE(second);
    EXPECT_EQ(second->peers_in_room, 2u);
    EXPECT_EQ(second->others, Peers{first->peer});
    EXPECT_NE(first->peer, second->peer);
}

TEST(RoomRegistry, ThirdPeerIsRefusedAndChangesNothing) {
    RoomRegistry rooms;
    auto first = rooms.join("kitchen");
    auto second = rooms.join("kitchen");
    EXPECT_FALSE(rooms.join("kitchen"));
    EXPECT_EQ(rooms.peer_count(), 2u);
    EXPECT_EQ(rooms.others_in_room(first->peer), Peers{second->peer});
}

TEST(RoomRegistry, LeaveReportsWhoToNotifyAndFreesTheSlot) {
    RoomRegistry rooms;
    auto first = rooms.join("kitchen");
    auto second = rooms.join("kitchen");
    EXPECT_EQ(rooms.leave(first->peer), Peers{second->peer});
    auto rejoined = rooms.join("kitchen");
    ASSERT_TRUE(rejoined);
    EXPECT_EQ(rejoined->peers_in_room, 2u);
    EXPECT_EQ(rejoined->others, Peers{second->peer});
    EXPECT_NE(rejoined->peer, first->peer) << "peer ids are never reused";
}

TEST(RoomRegistry, LeavingTwiceOrUnknownPeerIsHarmless) {
    RoomRegistry rooms;
    auto first = rooms.join("kitchen");
    EXPECT_EQ(rooms.leave(first->peer), Peers{});
    EXPECT_EQ(rooms.leave(first->peer), Peers{});
    EXPECT_EQ(rooms.leave(12345), Peers{});
}

TEST(RoomRegistry, RoomsAreIsolated) {
    RoomRegistry rooms;
    auto a1 = rooms.join("a");
    auto b1 = rooms.join("b");
    auto a2 = rooms.join("a");
    auto b2 = rooms.join("b");
    ASSERT_TRUE(a2 && b2);
    EXPECT_EQ(rooms.others_in_room(a1->peer), Peers{a2->peer});
    EXPECT_EQ(rooms.others_in_room(b2->peer), Peers{b1->peer});
    EXPECT_EQ(rooms.leave(a1->peer), Peers{a2->peer});
    EXPECT_EQ(rooms.others_in_room(b1->peer), Peers{b2->peer});
}

TEST(RoomRegistry, OtherPeerLookup) {
    RoomRegistry rooms;
    auto first = rooms.join("kitchen");
    EXPECT_EQ(rooms.others_in_room(first->peer), Peers{}) << "alone";
    EXPECT_EQ(rooms.others_in_room(999), Peers{}) << "unknown";
    auto second = rooms.join("kitchen");
    EXPECT_EQ(rooms.others_in_room(second->peer), Peers{first->peer});
}

TEST(RoomRegistry, EmptyRoomsAreRemoved) {
    RoomRegistry rooms;
    auto first = rooms.join("kitchen");
    auto second = rooms.join("kitchen");
    auto other = rooms.join("hall");
    EXPECT_EQ(rooms.room_count(), 2u);
    rooms.leave(first->peer);
    rooms.leave(second->peer);
    EXPECT_EQ(rooms.room_count(), 1u);
    rooms.leave(other->peer);
    EXPECT_EQ(rooms.room_count(), 0u);
    EXPECT_EQ(rooms.peer_count(), 0u);
}

TEST(RoomRegistry, CapacityIsConfigurable) {
    RoomRegistry rooms(3);
    rooms.join("big");
    rooms.join("big");
    auto third = rooms.join("big");
    ASSERT_TRUE(third);
    EXPECT_EQ(third->others.size(), 2u);
    EXPECT_FALSE(rooms.join("big"));
}

TEST(RoomRegistry, SameTokenReplacesItsOwnGhostInAFullRoom) {
    RoomRegistry rooms;
    auto ghost = rooms.join("r", "page-token-0123456789");
    auto other = rooms.join("r", "other-token-0123456789");
    auto back = rooms.join("r", "page-token-0123456789");
    ASSERT_TRUE(ghost && other && back);
    EXPECT_EQ(back->replaced, ghost->peer);
    EXPECT_EQ(back->peers_in_room, 2u);
    EXPECT_EQ(back->others, std::vector<PeerId>{other->peer});
    EXPECT_EQ(rooms.others_in_room(other->peer), std::vector<PeerId>{back->peer});
    EXPECT_TRUE(rooms.leave(ghost->peer).empty()) << "the ghost is already gone";
    EXPECT_EQ(rooms.peer_count(), 2u);
}

TEST(RoomRegistry, NoTokenOrAStrangersTokenIsStillRefused) {
    RoomRegistry rooms;
    ASSERT_TRUE(rooms.join("r", "page-token-0123456789"));
    ASSERT_TRUE(rooms.join("r"));
    EXPECT_FALSE(rooms.join("r"));
    EXPECT_FALSE(rooms.join("r", "stranger-token-01234"));
    EXPECT_EQ(rooms.peer_count(), 2u);
}

TEST(RoomRegistry, ATokenTakesBackItsOwnSeatInARoomWithSpaceToo) {
    // Alone in the room, a page whose connection died silently must not become two members of
    // it (the person it waits for would find the room full).
    RoomRegistry rooms;
    auto ghost = rooms.join("r", "page-token-0123456789");
    auto back = rooms.join("r", "page-token-0123456789");
    ASSERT_TRUE(ghost && back);
    EXPECT_EQ(back->replaced, ghost->peer);
    EXPECT_TRUE(back->replaced_was_present);
    EXPECT_EQ(back->peers_in_room, 1u);
    EXPECT_TRUE(rooms.join("r", "other-token-0123456789")) << "the room still has a seat for the other person";
}

TEST(RoomRegistry, AHeldSeatIsKeptOutOfTheOthersButStillFillsTheRoom) {
    RoomRegistry rooms;
    auto away = rooms.join("r", "page-token-0123456789");
    auto other = rooms.join("r", "other-token-0123456789");
    ASSERT_TRUE(away && other);
    auto told = rooms.hold(away->peer);
    ASSERT_TRUE(told);
    EXPECT_EQ(*told, Peers{other->peer}) << "the present peer hears that it is away";
    EXPECT_TRUE(rooms.is_held(away->peer));
    EXPECT_EQ(rooms.others_in_room(other->peer), Peers{}) << "nothing is forwarded to a held seat";
    EXPECT_EQ(rooms.peer_count(), 2u);
    EXPECT_FALSE(rooms.join("r", "third-token-0123456789")) << "a third page still finds the room full";
    EXPECT_FALSE(rooms.join("r"));
    EXPECT_FALSE(rooms.hold(away->peer)) << "held once";
}

TEST(RoomRegistry, TheReturningPageTakesItsHeldSeatBack) {
    RoomRegistry rooms;
    auto away = rooms.join("r", "page-token-0123456789");
    auto other = rooms.join("r", "other-token-0123456789");
    ASSERT_TRUE(away && other && rooms.hold(away->peer));
    auto back = rooms.join("r", "page-token-0123456789");
    ASSERT_TRUE(back);
    EXPECT_EQ(back->replaced, away->peer);
    EXPECT_FALSE(back->replaced_was_present) << "the others were told it was away already";
    EXPECT_EQ(back->others, Peers{other->peer});
    EXPECT_EQ(back->peers_in_room, 2u);
    EXPECT_EQ(back->held, 0u);
    EXPECT_FALSE(rooms.is_held(away->peer));
    EXPECT_EQ(rooms.others_in_room(other->peer), Peers{back->peer});
    EXPECT_FALSE(rooms.is_held(back->peer));
}

TEST(RoomRegistry, ANewcomerLearnsOfHeldSeatsAndIsNotCountedWithThem) {
    RoomRegistry rooms;
    auto away = rooms.join("r", "page-token-0123456789");
    ASSERT_TRUE(away && rooms.hold(away->peer));
    auto other = rooms.join("r", "other-token-0123456789");
    ASSERT_TRUE(other);
    EXPECT_EQ(other->peers_in_room, 1u);
    EXPECT_EQ(other->held, 1u);
    EXPECT_EQ(other->others, Peers{});
}

TEST(RoomRegistry, AWindowThatEndsFreesTheSeatAndTellsThePresentPeers) {
    RoomRegistry rooms;
    auto away = rooms.join("r", "page-token-0123456789");
    auto other = rooms.join("r", "other-token-0123456789");
    ASSERT_TRUE(away && other && rooms.hold(away->peer));
    EXPECT_EQ(rooms.leave(away->peer), Peers{other->peer});
    EXPECT_FALSE(rooms.is_held(away->peer));
    EXPECT_TRUE(rooms.join("r", "third-token-0123456789")) << "the seat is free again";
}

TEST(RoomRegistry, OnlyAPageWithATokenCanHaveItsSeatHeld) {
    RoomRegistry rooms;
    auto demo_page = rooms.join("r");
    ASSERT_TRUE(demo_page);
    EXPECT_FALSE(rooms.hold(demo_page->peer)) << "the Node demo's page cannot come back for it";
    EXPECT_FALSE(rooms.hold(999)) << "unknown";
    EXPECT_FALSE(rooms.is_held(demo_page->peer));
}

TEST(RoomRegistry, ALastHeldSeatKeepsTheRoomUntilItEnds) {
    RoomRegistry rooms;
    auto away = rooms.join("r", "page-token-0123456789");
    ASSERT_TRUE(away && rooms.hold(away->peer));
    EXPECT_TRUE(rooms.contains("r"));
    EXPECT_EQ(rooms.leave(away->peer), Peers{});
    EXPECT_FALSE(rooms.contains("r"));
    EXPECT_EQ(rooms.room_count(), 0u);
}

}  // namespace
}  // namespace p2p::relay
