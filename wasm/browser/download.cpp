#include "wasm/browser/download.hpp"

#include <emscripten/val.h>

namespace p2p::client {

using emscripten::val;

void download_text(const std::string& filename, const std::string& text) {
    val parts = val::array();
    parts.call<void>("push", text);
    val options = val::object();
    options.set("type", std::string("application/json"));
    val blob = val::global("Blob").new_(parts, options);
    val url_api = val::global("URL");
    val url = url_api.call<val>("createObjectURL", blob);
    val link = val::global("document").call<val>("createElement", std::string("a"));
    link.set("href", url);
    link.set("download", filename);
    link.call<void>("click");
    // The download reads the blob after this returns; revoking at once can race it, so later.
    val revoke = url_api["revokeObjectURL"].call<val>("bind", url_api, url);
    val::global("setTimeout")(revoke, 60000);
}

}  // namespace p2p::client
