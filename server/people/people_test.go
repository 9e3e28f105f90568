package people

import (
	"net/http"
	"slices"
	"sync"
	"testing"

	"github.com/mattermost/mattermost/server/public/model"
)

// fakeMM is the Mattermost a People sees: users, channels by team and name, members.
type fakeMM struct {
	mu       sync.Mutex
	users    map[string]*model.User
	channels map[string]*model.Channel // by id
	teams    map[string]string         // team id → name
	members  map[string][]string       // channel id → user ids
	statuses map[string]string         // user id → online/away/dnd; absent = offline
	warns    int
}

func nf() *model.AppError {
	return model.NewAppError("fake", "not_found", nil, "", http.StatusNotFound)
}

func (f *fakeMM) GetUser(id string) (*model.User, *model.AppError) {
	if u, ok := f.users[id]; ok {
		return u, nil
	}
	return nil, nf()
}
func (f *fakeMM) GetChannelByNameForTeamName(team, name string, _ bool) (*model.Channel, *model.AppError) {
	for _, c := range f.channels {
		if c.Name == name && f.teams[c.TeamId] == team {
			return c, nil
		}
	}
	return nil, nf()
}
func (f *fakeMM) GetChannelMember(ch, user string) (*model.ChannelMember, *model.AppError) {
	if slices.Contains(f.members[ch], user) {
		return &model.ChannelMember{ChannelId: ch, UserId: user}, nil
	}
	return nil, nf()
}
func (f *fakeMM) GetChannelMembers(ch string, _, _ int) (model.ChannelMembers, *model.AppError) {
	var out model.ChannelMembers
	for _, u := range f.members[ch] {
		out = append(out, model.ChannelMember{ChannelId: ch, UserId: u})
	}
	return out, nil
}
func (f *fakeMM) GetUserStatusesByIds(ids []string) ([]*model.Status, *model.AppError) {
	var out []*model.Status
	for _, id := range ids {
		st := f.statuses[id]
		if st == "" {
			st = model.StatusOffline
		}
		out = append(out, &model.Status{UserId: id, Status: st})
	}
	return out, nil
}
func (f *fakeMM) LogWarn(string, ...any) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.warns++
}
func (f *fakeMM) warnings() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.warns
}

// newPeople: a shop team whose private staff channel "staffc" (team shop, name
// staff) holds one member, "staff"; "admin" is a system admin, "alice" a customer.
func newPeople(t *testing.T) (*People, *fakeMM) {
	t.Helper()
	f := &fakeMM{
		users: map[string]*model.User{
			"bot":   {Id: "bot", Username: "concierge", IsBot: true},
			"alice": {Id: "alice", Username: "alice"},
			"staff": {Id: "staff", Username: "staff1"},
			"admin": {Id: "admin", Username: "admin", Roles: "system_admin system_user"},
		},
		teams: map[string]string{"t": "shop"},
		channels: map[string]*model.Channel{
			"staffc": {Id: "staffc", TeamId: "t", Name: "staff", Type: model.ChannelTypePrivate, CreatorId: "admin"},
			"solo":   {Id: "solo", TeamId: "t", Name: "cs-alice", Type: model.ChannelTypePrivate},
		},
		members: map[string][]string{"staffc": {"staff"}, "solo": {"alice", "staff", "bot"}},
	}
	return New(f, "bot", func() (string, string, bool) { return "shop", "staff", true }), f
}

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
			got := New(f, "bot", nil).StaffUsernames("staffc", tt.max)
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
			p, f := newPeople(t)
			f.channels["staffc"].Type = tt.chType
			f.channels["staffc"].CreatorId = tt.creator
			if tt.missing {
				delete(f.channels, "staffc")
			}
			if got := p.IsStaff("staff"); got != tt.wantMember {
				t.Fatalf("staff channel member is staff: %v, want %v", got, tt.wantMember)
			}
			if !p.IsStaff("admin") {
				t.Fatal("a system admin is always staff")
			}
			id, problem := p.StaffChannel()
			if problem != tt.wantProblem || (id != "") != (problem == StaffOK) {
				t.Fatalf("staff channel %q, problem %q, want %q", id, problem, tt.wantProblem)
			}
		})
	}
	_, f := newPeople(t)
	unset := New(f, "bot", func() (string, string, bool) { return "", "", false })
	if _, problem := unset.StaffChannel(); problem != StaffUnset {
		t.Fatalf("no setting: %q", problem)
	}
}

func TestStaffProblemLoggedOnce(t *testing.T) {
	p, f := newPeople(t)
	f.channels["staffc"].Type = model.ChannelTypeOpen
	for range 3 {
		p.Forget()
		p.IsStaff("staff")
	}
	if n := f.warnings(); n != 1 {
		t.Fatalf("%d warnings for one problem, want 1", n)
	}
}

// A staff member removed from the staff channel loses their rights as soon as the
// membership hook says so, not when the cached answer expires.
func TestForgetUserDropsACachedStaffAnswer(t *testing.T) {
	p, f := newPeople(t)
	if !p.IsStaff("staff") {
		t.Fatal("member of the private staff channel is not staff")
	}
	f.members["staffc"] = nil
	if !p.IsStaff("staff") {
		t.Fatal("the answer was not cached; this test proves nothing")
	}
	p.ForgetUser("staff")
	if p.IsStaff("staff") {
		t.Fatal("removed from the staff channel, still staff")
	}
}

// A channel's one customer is its one member who is neither staff nor a bot.
func TestSoleCustomerSkipsStaffAndBots(t *testing.T) {
	p, f := newPeople(t)
	if got := p.SoleCustomer("solo"); got != "alice" {
		t.Fatalf("sole customer %q, want alice", got)
	}
	f.members["solo"] = append(f.members["solo"], "admin", "bob")
	f.users["bob"] = &model.User{Id: "bob", Username: "bob"}
	p.ForgetChannel("solo") // the join hook
	if got := p.SoleCustomer("solo"); got != "" {
		t.Fatalf("two customers, sole customer %q, want none", got)
	}
}

// The staff channel is resolved once per peopleTTL, not for every new
// conversation; a channel created or renamed (Forget) or another setting is
// seen at once.
func TestStaffChannelIsKept(t *testing.T) {
	_, f := newPeople(t)
	setting := "staff"
	p := New(f, "bot", func() (string, string, bool) { return "shop", setting, true })
	if id, problem := p.StaffChannel(); id != "staffc" || problem != StaffOK {
		t.Fatalf("staff channel %q, %q", id, problem)
	}
	f.channels["staffc"].Type = model.ChannelTypeOpen // not read again within the TTL
	if id, _ := p.StaffChannel(); id != "staffc" {
		t.Fatalf("staff channel %q, want the kept answer", id)
	}
	p.ForgetUser("alice") // a join changes members, not which channel is the staff's
	if id, _ := p.StaffChannel(); id != "staffc" {
		t.Fatalf("staff channel %q after a join, want the kept answer", id)
	}
	p.Forget() // a channel created or renamed
	if id, problem := p.StaffChannel(); id != "" || problem != StaffNotPrivate {
		t.Fatalf("after Forget: staff channel %q, %q; want none, %q", id, problem, StaffNotPrivate)
	}
	f.channels["staffc"].Type = model.ChannelTypePrivate
	setting = "elsewhere" // a settings change applies at once
	if id, problem := p.StaffChannel(); id != "" || problem != StaffMissing {
		t.Fatalf("another setting: staff channel %q, %q; want none, %q", id, problem, StaffMissing)
	}
}
