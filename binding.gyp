{
  "targets": [
    {
      "target_name": "tsd_core",
      "sources": ["native/addon.cc", "native/common.cc", "native/spawn.cc", "native/child.cc", "native/reaper.cc", "native/signals.cc", "native/notify-socket.cc", "native/users.cc", "native/lifecycle.cc", "native/frame-lines.cc", "native/stream-framer.cc", "native/log-pump.cc", "native/syscalls.cc", "native/script-source.cc"],
      "include_dirs": ["<!(node -p \"require('node-addon-api').include_dir\")"],
      "defines": ["NAPI_VERSION=8", "NAPI_DISABLE_CPP_EXCEPTIONS", "NODE_ADDON_API_DISABLE_DEPRECATED"],
      "cflags_cc": ["-std=c++17", "-Wall", "-Wextra", "-O2"]
    }
  ]
}
