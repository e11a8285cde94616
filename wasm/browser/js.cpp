#include "wasm/browser/js.hpp"

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

}  // namespace p2p::client::js
