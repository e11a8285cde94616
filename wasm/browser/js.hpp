// Small helpers for talking to JavaScript through embind without ever throwing on odd values.
#pragma once

#include <emscripten/val.h>

#include <string>
#include <utility>
#include <vector>

#include "shared/messages.hpp"

namespace p2p::client::js {

using emscripten::val;

// String(v) for anything, "" for undefined/null: browser errors and events are loosely typed.
std::string to_string(const val& v);

// v as a number, or `fallback` when it is not one.
int to_int(const val& v, int fallback);

// Module[exported].bind(null, args...): a JS function that calls our bound C++ function with
// `args` first. The leading ids (socket, generation) let late calls be recognised as stale.
template <typename... Args>
val callback(const char* exported, Args&&... args) {
    return val::module_property(exported).call<val>("bind", val::null(), std::forward<Args>(args)...);
}

// A random token from crypto.randomUUID() (hex digits and '-'), or, where that is missing, from
// crypto.getRandomValues(); "" only if the browser has neither.
std::string random_token();

// promise.then(on_ok, on_error) and promise.catch(on_error), returning the derived promise.
val then(const val& promise, const val& on_ok, const val& on_error);
val on_reject(const val& promise, const val& on_error);

// RTCConfiguration.iceServers for `servers`.
val ice_servers(const std::vector<IceServer>& servers);

}  // namespace p2p::client::js
