//go:build tools

package mmserver

import (
	_ "github.com/mattermost/mattermost/server/v8/cmd/mattermost"
	_ "github.com/mattermost/mattermost/server/v8/cmd/mmctl"
)
