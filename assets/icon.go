package assets

import _ "embed"

//go:embed icon/icon.png
var icon []byte

// IconName is the file name of the application icon.
const IconName = "icon.png"

// Icon returns the 512×512 PNG application icon (the same file FyneApp.toml
// names for packaging). The slice is shared: callers must not modify it.
func Icon() []byte { return icon }
