"""The Django shell: settings, URLs and one thin app per area. The core never imports it."""
