package people

import (
	"testing"
	"testing/synctest"
	"time"

	"github.com/mattermost/mattermost/server/public/model"
)

// lookupMM counts the reads Lookups makes.
type lookupMM struct {
	users, channels, teams int
	name                   string
	fail                   bool
}

func (f *lookupMM) GetUser(id string) (*model.User, *model.AppError) {
	f.users++
	if f.fail {
		return nil, nf()
	}
	return &model.User{Id: id, Username: f.name}, nil
}
func (f *lookupMM) GetChannel(id string) (*model.Channel, *model.AppError) {
	f.channels++
	return &model.Channel{Id: id, Name: f.name}, nil
}
func (f *lookupMM) GetTeam(id string) (*model.Team, *model.AppError) {
	f.teams++
	return &model.Team{Id: id, Name: f.name}, nil
}

func TestLookupsKeepReadsForTheirTTL(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		f := &lookupMM{name: "a"}
		l := NewLookups(f)
		for range 3 {
			u, _ := l.User("u1")
			c, _ := l.Channel("c1")
			tm, _ := l.Team("t1")
			if u.Username != "a" || c.Name != "a" || tm.Name != "a" {
				t.Fatalf("read %q %q %q", u.Username, c.Name, tm.Name)
			}
		}
		if f.users != 1 || f.channels != 1 || f.teams != 1 {
			t.Fatalf("reads %d/%d/%d for three messages, want one each", f.users, f.channels, f.teams)
		}
		// A caller's change does not reach the next caller.
		u, _ := l.User("u1")
		u.Username = "changed"
		if u2, _ := l.User("u1"); u2.Username != "a" {
			t.Fatalf("a caller changed the kept record: %q", u2.Username)
		}
		f.name = "b"
		time.Sleep(LookupTTL)
		u, _ = l.User("u1")
		c, _ := l.Channel("c1")
		if u.Username != "b" || c.Name != "b" || f.users != 2 {
			t.Fatalf("after the TTL: %q %q, %d user reads", u.Username, c.Name, f.users)
		}
	})
}

func TestLookupsForgetAndDoNotKeepFailures(t *testing.T) {
	f := &lookupMM{name: "a"}
	l := NewLookups(f)
	_, _ = l.Channel("c1")
	f.name = "renamed"
	l.ForgetChannel("c1")
	if c, _ := l.Channel("c1"); c.Name != "renamed" {
		t.Fatalf("after ForgetChannel: %q", c.Name)
	}
	_, _ = l.Team("t1")
	l.ForgetTeam("t1")
	if tm, _ := l.Team("t1"); tm.Name != "renamed" {
		t.Fatalf("after ForgetTeam: %q", tm.Name)
	}
	_, _ = l.User("u1")
	l.ForgetUser("u1")
	f.fail = true
	if _, err := l.User("u1"); err == nil {
		t.Fatal("a forgotten user was still served")
	}
	f.fail = false
	if u, err := l.User("u1"); err != nil || u.Username != "renamed" || f.users != 3 {
		t.Fatalf("after a failed read: %v %v, %d reads (a failure must not be kept)", u, err, f.users)
	}
}
