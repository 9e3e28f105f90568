package people

import (
	"testing"
	"testing/synctest"
	"time"

	"github.com/mattermost/mattermost/server/public/model"
)

// memberReads counts the member lists read: each is a plugin RPC.
type memberReads struct {
	*fakeMM
	reads int
}

func (m *memberReads) GetChannelMembers(ch string, page, perPage int) (model.ChannelMembers, *model.AppError) {
	m.reads++
	return m.fakeMM.GetChannelMembers(ch, page, perPage)
}

// A channel's one customer is read once per peopleTTL, and again at once when
// someone joins or leaves it.
func TestSoleCustomerIsKeptUntilMembershipChanges(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		_, f := newPeople(t)
		m := &memberReads{fakeMM: f}
		p := New(m, "bot", func() (string, string, bool) { return "shop", "staff", true })
		for range 3 {
			if got := p.SoleCustomer("solo"); got != "alice" {
				t.Fatalf("sole customer %q, want alice", got)
			}
		}
		if m.reads != 1 {
			t.Fatalf("%d member lists read for three messages, want 1", m.reads)
		}
		f.members["solo"] = append(f.members["solo"], "bob")
		f.users["bob"] = &model.User{Id: "bob", Username: "bob"}
		p.ForgetChannel("solo")
		if got := p.SoleCustomer("solo"); got != "" {
			t.Fatalf("after bob joined: sole customer %q, want none", got)
		}
		f.members["solo"] = []string{"alice", "bot"}
		time.Sleep(peopleTTL)
		if got := p.SoleCustomer("solo"); got != "alice" {
			t.Fatalf("after the TTL: sole customer %q, want alice read again", got)
		}
		if m.reads != 3 {
			t.Fatalf("%d member lists read, want 3", m.reads)
		}
	})
}

// The staff channel's members are read once for several handoffs; a member who
// leaves is no longer mentioned.
func TestStaffMembersAreKeptUntilTheStaffChannelChanges(t *testing.T) {
	_, f := newPeople(t)
	m := &memberReads{fakeMM: f}
	p := New(m, "bot", func() (string, string, bool) { return "shop", "staff", true })
	f.members["staffc"] = []string{"staff", "admin"}
	for range 2 {
		if got := p.StaffUsernames("staffc", 5); len(got) != 2 {
			t.Fatalf("mentioned %v, want staff1 and admin", got)
		}
	}
	if m.reads != 1 {
		t.Fatalf("%d member lists read for two handoffs, want 1", m.reads)
	}
	f.members["staffc"] = []string{"staff"}
	p.ForgetChannel("staffc")
	if got := p.StaffUsernames("staffc", 5); len(got) != 1 || got[0] != "staff1" {
		t.Fatalf("after admin left: mentioned %v, want [staff1]", got)
	}
}
