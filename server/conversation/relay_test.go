package conversation

import (
	"strings"
	"testing"
	"testing/synctest"

	"github.com/mattermost/mattermost/server/public/model"
)

// A handoff card's thread in the staff channel stands for its conversation: staff
// words go to the customer signed, the customer's come back, commands find it.
func TestStaffThreadRelaysBothWaysForASharedThread(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		svc, f := newService(t)
		svc.OnPost(&model.Post{Id: "c1", UserId: "alice", ChannelId: "gen", Message: "我要人工"})
		settled(t, "the handoff", func() bool {
			c, _ := svc.Store.Get("c1")
			return c != nil && c.State == StateWaitingHuman
		})
		if _, err := svc.Store.Update("c1", func(c *Conversation, _ bool) (bool, error) { c.StaffPostID = "card1"; return true, nil }); err != nil {
			t.Fatal(err)
		}
		if err := svc.LinkStaffThread("card1", "c1"); err != nil {
			t.Fatal(err)
		}
		if c, err := svc.FindForPost("staffc", "card1"); err != nil || c == nil || c.ID != "c1" {
			t.Fatalf("FindForPost from the staff thread: %+v %v", c, err)
		}
		f.users["staff"].FirstName = "Wang"
		svc.OnPost(&model.Post{Id: "s1", UserId: "staff", ChannelId: "staffc", RootId: "card1", Message: "我来处理"})
		relayed := postsIn(f, "gen")
		last := relayed[len(relayed)-1]
		if last.RootId != "c1" || !strings.Contains(last.Message, "Wang") || !strings.Contains(last.Message, "我来处理") {
			t.Fatalf("relayed %q into %q", last.Message, last.RootId)
		}
		if c, _ := svc.Store.Get("c1"); c.State != StateHuman || c.HumanAt == nil {
			t.Fatalf("a staff reply in the staff thread takes it over: %+v", c)
		}
		// A slash command typed as text stays in the staff thread.
		n := len(f.botPosts())
		svc.OnPost(&model.Post{Id: "s2", UserId: "staff", ChannelId: "staffc", RootId: "card1", Message: "/concierge handback"})
		svc.OnPost(&model.Post{Id: "c2", UserId: "alice", ChannelId: "gen", RootId: "c1", Message: "好的 @channel"})
		back := f.botPosts()[n:]
		if len(back) != 1 || back[0].ChannelId != "staffc" || back[0].RootId != "card1" || strings.Contains(back[0].Message, "@channel") {
			t.Fatalf("customer's words in the staff thread: %+v", back)
		}
	})
}
