// Saves text as a file through a Blob link, so nothing leaves the browser unless the person sends
// the file on (used by "download diagnostics").
#pragma once

#include <string>

namespace p2p::client {

void download_text(const std::string& filename, const std::string& text);

}  // namespace p2p::client
