#include <sys/stat.h>

#include <gtest/gtest.h>

#include "server/certificate_policy.hpp"
#include "server/certificate_store.hpp"
#include "tests/server/temp_dir.hpp"

namespace p2p::relay {
namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::system_clock;

CertificateFacts good_facts(Clock::time_point now) {
    return {{{"localhost"}, {"127.0.0.1", "0:0:0:0:0:0:0:1", "192.168.1.5"}}, now - 1h, now + 300 * 24h};
}

TEST(CertificatePolicy, RequiredNamesAlwaysIncludeLoopback) {
    SubjectNames names = required_names({"192.168.1.5", "127.0.0.1"});
    EXPECT_EQ(names.dns, std::vector<std::string>{"localhost"});
    EXPECT_EQ(names.ips, (std::vector<std::string>{"127.0.0.1", "::1", "192.168.1.5"}));
}

TEST(CertificatePolicy, CoveringAndCurrentIsUsable) {
    const auto now = Clock::now();
    EXPECT_TRUE(certificate_is_usable(good_facts(now), required_names({"192.168.1.5"}), now));
    EXPECT_TRUE(certificate_is_usable(good_facts(now), required_names({}), now));
}

TEST(CertificatePolicy, MissingAddressIsNotUsable) {
    const auto now = Clock::now();
    EXPECT_FALSE(certificate_is_usable(good_facts(now), required_names({"10.0.0.9"}), now));
    CertificateFacts no_localhost = good_facts(now);
    no_localhost.names.dns.clear();
    EXPECT_FALSE(certificate_is_usable(no_localhost, required_names({}), now));
}

TEST(CertificatePolicy, ExpiredNearExpiryOrNotYetValidIsNotUsable) {
    const auto now = Clock::now();
    const SubjectNames required = required_names({});
    CertificateFacts facts = good_facts(now);
    facts.not_after = now - 1h;
    EXPECT_FALSE(certificate_is_usable(facts, required, now));
    facts.not_after = now + kRenewBeforeExpiry - 1h;
    EXPECT_FALSE(certificate_is_usable(facts, required, now));
    facts.not_after = now + kRenewBeforeExpiry + 1h;
    EXPECT_TRUE(certificate_is_usable(facts, required, now));
    facts.not_before = now + 1h;
    EXPECT_FALSE(certificate_is_usable(facts, required, now));
}

TEST(CertificateStore, GeneratesReadsBackAndReuses) {
    testing::TempDir dir;
    const auto state = dir.path() / "state";
    const SubjectNames required = required_names({"192.0.2.7"});
    StoredCertificate first = ensure_certificate(state, required);
    EXPECT_TRUE(first.generated);
    struct stat key_stat {};
    ASSERT_EQ(stat(first.files.key.c_str(), &key_stat), 0);
    EXPECT_EQ(key_stat.st_mode & 0777, 0600u);

    auto facts = read_certificate_facts(first.files);
    ASSERT_TRUE(facts);
    EXPECT_TRUE(certificate_is_usable(*facts, required, Clock::now()));
    EXPECT_GT(facts->not_after, Clock::now() + kGeneratedValidity - 48h);

    EXPECT_FALSE(ensure_certificate(state, required).generated);
    EXPECT_TRUE(ensure_certificate(state, required_names({"192.0.2.8"})).generated)
        << "a new host address needs a new certificate";
}

TEST(CertificateStore, UnreadableOrMismatchedFilesAreRegenerated) {
    testing::TempDir dir;
    const SubjectNames required = required_names({});
    StoredCertificate a = ensure_certificate(dir.path() / "a", required);
    StoredCertificate b = ensure_certificate(dir.path() / "b", required);
    std::filesystem::copy_file(b.files.key, a.files.key,
                               std::filesystem::copy_options::overwrite_existing);
    EXPECT_FALSE(read_certificate_facts(a.files)) << "key from another certificate";
    EXPECT_TRUE(ensure_certificate(dir.path() / "a", required).generated);
    dir.write("b/cert.pem", "garbage");
    EXPECT_TRUE(ensure_certificate(dir.path() / "b", required).generated);
    EXPECT_FALSE(read_certificate_facts({dir.path() / "none.pem", dir.path() / "none.key"}));
}

}  // namespace
}  // namespace p2p::relay
