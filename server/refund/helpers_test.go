package refund

import (
	"testing"

	"github.com/mattermost/mattermost/server/public/model"
)

func postWith(channelID, message string) *model.Post {
	return &model.Post{ChannelId: channelID, Message: message}
}

// statusOf is the status field of the card shown in a post.
func statusOf(t *testing.T, f *fixture, postID string) string {
	t.Helper()
	p, appErr := f.api.GetPost(postID)
	if appErr != nil {
		t.Fatal(appErr)
	}
	return lastField(p)
}

// lastField is the status line of the card a post shows ("" without a card).
func lastField(p *model.Post) string {
	if p == nil || len(p.Attachments()) == 0 {
		return ""
	}
	fields := p.Attachments()[0].Fields
	return fields[len(fields)-1].Value.(string)
}
