// Package mmenv prepares a running Mattermost server for Concierge: the shop
// team, its channels and users, the plugin bundle and the plugin settings. It
// talks to the server only through the REST API, so the e2e suite and the
// demo set up exactly the same world. Every step is idempotent: running it
// against an already prepared server changes nothing but the plugin.
package mmenv

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"sync"

	"github.com/mattermost/mattermost/server/public/model"
)

// Role says how Concierge must treat a user.
type Role string

const (
	RoleAdmin    Role = "admin"    // system admin (the first user created)
	RoleStaff    Role = "staff"    // member of the staff channel
	RoleCustomer Role = "customer" // everyone else
)

// Account is a user the environment creates.
type Account struct {
	Username string
	Password string
	Role     Role
}

// Email is the account's address; nobody reads it, but Mattermost needs one.
func (a Account) Email() string { return a.Username + "@concierge.test" }

// TeamName is the shop's team; channel names below live in it.
const TeamName = "shop"

// Channel names.
const (
	ChannelGeneral = "cs-general" // watched (shop/cs-*), all users
	ChannelVIP     = "cs-vip"     // watched (shop/cs-*), all users
	ChannelStaff   = "staff"      // private; its members are staff
	ChannelRandom  = "random"     // not watched by default
)

// Accounts lists the users in creation order: the first becomes system admin.
var Accounts = []Account{
	{Username: "admin", Password: "Admin-pass-1", Role: RoleAdmin},
	{Username: "staff1", Password: "Staff1-pass-1", Role: RoleStaff},
	{Username: "alice", Password: "Alice-pass-1", Role: RoleCustomer},
	{Username: "bob", Password: "Bob-pass-1", Role: RoleCustomer},
	{Username: "carol", Password: "Carol-pass-1", Role: RoleCustomer},
}

// channelSpec is one channel and who joins it.
type channelSpec struct {
	name, display string
	typ           model.ChannelType
	roles         []Role
}

var channelSpecs = []channelSpec{
	{ChannelGeneral, "CS General", model.ChannelTypeOpen, []Role{RoleAdmin, RoleStaff, RoleCustomer}},
	{ChannelVIP, "CS VIP", model.ChannelTypeOpen, []Role{RoleAdmin, RoleStaff, RoleCustomer}},
	{ChannelStaff, "Staff", model.ChannelTypePrivate, []Role{RoleAdmin, RoleStaff}},
	{ChannelRandom, "Random", model.ChannelTypeOpen, []Role{RoleAdmin, RoleStaff, RoleCustomer}},
}

// Env is a prepared server: logged-in clients and the objects they act on.
// Accounts may be added while tests run in parallel, hence the lock.
type Env struct {
	URL      string
	Team     *model.Team
	Channels map[string]*model.Channel // by channel name; fixed after Setup

	mu      sync.RWMutex
	users   map[string]*model.User    // by username
	clients map[string]*model.Client4 // by username, each logged in as that user
}

// User is the account's user, by username.
func (e *Env) User(username string) (*model.User, bool) {
	e.mu.RLock()
	defer e.mu.RUnlock()
	u, ok := e.users[username]
	return u, ok
}

// Client is the REST client logged in as the user.
func (e *Env) Client(username string) (*model.Client4, bool) {
	e.mu.RLock()
	defer e.mu.RUnlock()
	c, ok := e.clients[username]
	return c, ok
}

// Admin is the system admin's client.
func (e *Env) Admin() *model.Client4 {
	c, _ := e.Client(Accounts[0].Username)
	return c
}

// Setup creates (or finds) the users, the team and the channels.
func Setup(ctx context.Context, url string) (*Env, error) {
	e := &Env{
		URL:      strings.TrimRight(url, "/"),
		Channels: map[string]*model.Channel{},
		users:    map[string]*model.User{},
		clients:  map[string]*model.Client4{},
	}
	// The admin first: it signs itself up and creates the rest.
	if err := e.ensureUser(ctx, Accounts[0]); err != nil {
		return nil, err
	}
	if err := e.ensureTeam(ctx); err != nil {
		return nil, err
	}
	for _, spec := range channelSpecs {
		if err := e.ensureChannel(ctx, spec); err != nil {
			return nil, err
		}
	}
	for _, a := range Accounts {
		if err := e.AddAccount(ctx, a); err != nil {
			return nil, err
		}
	}
	// Staff at work: handoffs mention the on-duty staff, read from their status.
	for _, a := range Accounts {
		if a.Role == RoleStaff {
			u, _ := e.User(a.Username)
			c, _ := e.Client(a.Username)
			if _, _, err := c.UpdateUserStatus(ctx, u.Id, &model.Status{UserId: u.Id, Status: model.StatusOnline}); err != nil {
				return nil, fmt.Errorf("status of %s: %w", a.Username, err)
			}
		}
	}
	return e, nil
}

// AddAccount creates (or finds) the user, logs it in and makes it a member of
// the team and of the channels its role joins. Tests use it for customers
// whose conversations no earlier test has touched.
func (e *Env) AddAccount(ctx context.Context, a Account) error {
	if err := e.ensureUser(ctx, a); err != nil {
		return err
	}
	u, _ := e.User(a.Username)
	admin := e.Admin()
	if _, _, err := admin.AddTeamMember(ctx, e.Team.Id, u.Id); err != nil {
		return fmt.Errorf("add %s to team %s: %w", a.Username, TeamName, err)
	}
	for _, spec := range channelSpecs {
		if !slices.Contains(spec.roles, a.Role) {
			continue
		}
		if _, _, err := admin.AddChannelMember(ctx, e.Channels[spec.name].Id, u.Id); err != nil {
			return fmt.Errorf("add %s to channel %s: %w", a.Username, spec.name, err)
		}
	}
	return nil
}

// ensureUser logs the account in, creating it first when the login fails.
// The admin creates everyone after the first user, which signs itself up.
func (e *Env) ensureUser(ctx context.Context, a Account) error {
	if _, ok := e.Client(a.Username); ok {
		return nil
	}
	c := model.NewAPIv4Client(e.URL)
	u, _, err := c.Login(ctx, a.Username, a.Password)
	if err != nil {
		creator := c
		if a.Role != RoleAdmin {
			creator = e.Admin()
		}
		newUser := &model.User{Username: a.Username, Password: a.Password, Email: a.Email(), EmailVerified: true}
		if _, _, cerr := creator.CreateUser(ctx, newUser); cerr != nil {
			return fmt.Errorf("create user %s (after login failed: %v): %w", a.Username, err, cerr)
		}
		if u, _, err = c.Login(ctx, a.Username, a.Password); err != nil {
			return fmt.Errorf("login %s: %w", a.Username, err)
		}
	}
	if a.Role == RoleAdmin && !u.IsSystemAdmin() {
		return fmt.Errorf("user %s is not a system admin: the server was not empty when it was created", a.Username)
	}
	e.mu.Lock()
	e.users[a.Username], e.clients[a.Username] = u, c
	e.mu.Unlock()
	return nil
}

func (e *Env) ensureTeam(ctx context.Context) error {
	admin := e.Admin()
	team, resp, err := admin.GetTeamByName(ctx, TeamName, "")
	if err != nil && resp != nil && resp.StatusCode == http.StatusNotFound {
		team, _, err = admin.CreateTeam(ctx, &model.Team{Name: TeamName, DisplayName: "Shop", Type: model.TeamOpen})
	}
	if err != nil {
		return fmt.Errorf("team %s: %w", TeamName, err)
	}
	e.Team = team
	return nil
}

func (e *Env) ensureChannel(ctx context.Context, spec channelSpec) error {
	admin := e.Admin()
	ch, resp, err := admin.GetChannelByName(ctx, spec.name, e.Team.Id, "")
	if err != nil && resp != nil && resp.StatusCode == http.StatusNotFound {
		ch, _, err = admin.CreateChannel(ctx, &model.Channel{
			TeamId: e.Team.Id, Name: spec.name, DisplayName: spec.display, Type: spec.typ,
		})
	}
	if err != nil {
		return fmt.Errorf("channel %s: %w", spec.name, err)
	}
	e.Channels[spec.name] = ch
	return nil
}
