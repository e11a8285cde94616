#include "wasm/browser/js.hpp"

#include "shared/ascii.hpp"

namespace p2p::client::js {

std::string to_string(const val& v) {
    if (v.isUndefined() || v.isNull()) return {};
    if (v.isString()) return v.as<std::string>();
    return val::global("String")(v).as<std::string>();
}

int to_int(const val& v, int fallback) {
    if (!v.isNumber()) return fallback;
    return v.as<int>();
}

val then(const val& promise, const val& on_ok, const val& on_error) {
    return promise.call<val>("then", on_ok, on_error);
}

val on_reject(const val& promise, const val& on_error) {
    return promise.call<val>("catch", on_error);
}

std::string random_token() {
    val crypto = val::global("crypto");
    if (crypto.isUndefined()) return {};
    if (crypto["randomUUID"].typeOf().as<std::string>() == "function") {
        return to_string(crypto.call<val>("randomUUID"));
    }
    val bytes = crypto.call<val>("getRandomValues", val::global("Uint8Array").new_(16));
    std::string out;
    for (int i = 0; i < 16; ++i) {
        ascii::append_hex(out, static_cast<std::uint8_t>(to_int(bytes[i], 0)));
    }
    return out;
}

val ice_servers(const std::vector<IceServer>& servers) {
    val out = val::array();
    for (const IceServer& s : servers) {
        val server = val::object();
        val urls = val::array();
        for (const std::string& url : s.urls) urls.call<void>("push", url);
        server.set("urls", urls);
        if (s.username) server.set("username", *s.username);
        if (s.credential) server.set("credential", *s.credential);
        out.call<void>("push", server);
    }
    return out;
}

}  // namespace p2p::client::js
