package conversation

import (
	"slices"
	"testing"

	"github.com/mattermost/mattermost/server/public/model"

	"github.com/concierge-shop/concierge/server/config"
)

func TestStaffMentionedOnHandoffAreTheOnDutyOnes(t *testing.T) {
	users := map[string]*model.User{
		"bot": {Id: "bot", Username: "concierge", IsBot: true},
		"s1":  {Id: "s1", Username: "ann"},
		"s2":  {Id: "s2", Username: "ben"},
		"s3":  {Id: "s3", Username: "cai"},
		"s4":  {Id: "s4", Username: "dan"},
		"old": {Id: "old", Username: "gone", DeleteAt: 1},
	}
	tests := []struct {
		name     string
		statuses map[string]string
		max      int
		want     []string
	}{
		{"online first, then away; offline and dnd left out", map[string]string{"s3": "online", "s1": "away", "s2": "dnd"}, 5, []string{"cai", "ann"}},
		{"bounded by max", map[string]string{"s1": "online", "s2": "online", "s3": "online"}, 2, []string{"ann", "ben"}},
		{"nobody on duty: everyone, in channel order", map[string]string{"s2": "dnd"}, 5, []string{"ann", "ben", "cai", "dan"}},
		{"deactivated and bots never", map[string]string{"old": "online", "bot": "online"}, 5, []string{"ann", "ben", "cai", "dan"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := &fakeMM{users: users, statuses: tt.statuses,
				members: map[string][]string{"staffc": {"bot", "s1", "s2", "old", "s3", "s4"}}}
			got := NewPeople(f, "bot").StaffUsernames("staffc", tt.max)
			if !slices.Equal(got, tt.want) {
				t.Fatalf("mentioned %v, want %v", got, tt.want)
			}
		})
	}
}

// Staff rights come from a private staff channel only: anyone can join a public one,
// and whoever first creates a missing one would own it.
func TestStaffOnlyFromAPrivateStaffChannel(t *testing.T) {
	tests := []struct {
		name        string
		chType      model.ChannelType
		creator     string
		missing     bool
		wantMember  bool
		wantProblem StaffProblem
	}{
		{"private", model.ChannelTypePrivate, "admin", false, true, StaffOK},
		{"private, made by the bot", model.ChannelTypePrivate, "bot", false, true, StaffOK},
		{"public", model.ChannelTypeOpen, "admin", false, false, StaffNotPrivate},
		{"missing", model.ChannelTypePrivate, "admin", true, false, StaffMissing},
		// A customer who created the channel while it was missing.
		{"private, made by a customer", model.ChannelTypePrivate, "staff", false, false, StaffUntrusted},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			svc, f := newService(t)
			f.channels["staffc"].Type = tt.chType
			f.channels["staffc"].CreatorId = tt.creator
			if tt.missing {
				delete(f.channels, "staffc")
			}
			cfg := svc.d.Config()
			if got := svc.People.IsStaff(cfg, "staff"); got != tt.wantMember {
				t.Fatalf("staff channel member is staff: %v, want %v", got, tt.wantMember)
			}
			if !svc.People.IsStaff(cfg, "admin") {
				t.Fatal("a system admin is always staff")
			}
			id, problem := svc.People.StaffChannel(cfg)
			if problem != tt.wantProblem || (id != "") != (problem == StaffOK) {
				t.Fatalf("staff channel %q, problem %q, want %q", id, problem, tt.wantProblem)
			}
		})
	}
	svc, _ := newService(t)
	if _, problem := svc.People.StaffChannel(&config.Config{}); problem != StaffUnset {
		t.Fatalf("no setting: %q", problem)
	}
}

func TestStaffProblemLoggedOnce(t *testing.T) {
	svc, f := newService(t)
	f.channels["staffc"].Type = model.ChannelTypeOpen
	for range 3 {
		svc.People.Forget()
		svc.People.IsStaff(svc.d.Config(), "staff")
	}
	if n := f.warnings(); n != 1 {
		t.Fatalf("%d warnings for one problem, want 1", n)
	}
}

// A staff member removed from the staff channel loses their rights as soon as the
// membership hook says so, not when the cached answer expires.
func TestForgetUserDropsACachedStaffAnswer(t *testing.T) {
	svc, f := newService(t)
	cfg := svc.d.Config()
	if !svc.People.IsStaff(cfg, "staff") {
		t.Fatal("member of the private staff channel is not staff")
	}
	f.members["staffc"] = nil
	if !svc.People.IsStaff(cfg, "staff") {
		t.Fatal("the answer was not cached; this test proves nothing")
	}
	svc.People.ForgetUser("staff")
	if svc.People.IsStaff(cfg, "staff") {
		t.Fatal("removed from the staff channel, still staff")
	}
}
