package command

import (
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/mattermost/mattermost/server/public/model"

	"github.com/concierge-shop/concierge/server/i18n"
	"github.com/concierge-shop/concierge/server/people"
)

type fakeAPI struct{ users map[string]*model.User }

func (f fakeAPI) GetUser(id string) (*model.User, *model.AppError) {
	if u, ok := f.users[id]; ok {
		return u, nil
	}
	return nil, model.NewAppError("GetUser", "nf", nil, "", http.StatusNotFound)
}
func (fakeAPI) GetPost(string) (*model.Post, *model.AppError)         { return nil, nil }
func (fakeAPI) GetFileInfo(string) (*model.FileInfo, *model.AppError) { return nil, nil }
func (fakeAPI) GetFile(string) ([]byte, *model.AppError)              { return nil, nil }
func (fakeAPI) GetPostsForChannel(string, int, int) (*model.PostList, *model.AppError) {
	return model.NewPostList(), nil
}
func (fakeAPI) SendEphemeralPost(string, *model.Post) *model.Post { return nil }
func (fakeAPI) LogError(string, ...any)                           {}

type noStaff struct{}

func (noStaff) IsStaff(string) bool { return false }

func TestExecuteAnswersInTheCallersLanguage(t *testing.T) {
	h := New(Deps{API: fakeAPI{users: map[string]*model.User{
		"zh": {Id: "zh", Locale: "zh-CN"}, "en": {Id: "en", Locale: "en"},
	}}, Staff: noStaff{}})
	tests := []struct {
		user, cmd, want string
	}{
		{"en", "/concierge", "/concierge status"},
		{"zh", "/concierge help", "会话与店铺数据概况"},
		{"en", "/concierge frobnicate", "Unknown command `frobnicate`"},
		{"zh", "/concierge takeover", "只有客服人员"},
		{"en", "/concierge kb search shoes", "Only staff"},
		{"en", "/concierge kb import catalog", "Only system admins"},
		{"en", "/concierge kb", "Usage"},
		{"en", "/concierge stats", "Only staff"},
		{"zh", "/concierge status", "只有客服人员"},
	}
	for _, tt := range tests {
		resp := h.Execute(&model.CommandArgs{UserId: tt.user, Command: tt.cmd})
		if resp.ResponseType != model.CommandResponseTypeEphemeral || !strings.Contains(resp.Text, tt.want) {
			t.Errorf("%s as %s: %q, want it to contain %q", tt.cmd, tt.user, resp.Text, tt.want)
		}
	}
}

func TestDefinitionAutocomplete(t *testing.T) {
	d := Definition()
	if d.Trigger != "concierge" || d.AutocompleteData == nil {
		t.Fatalf("definition %+v", d)
	}
	var subs []string
	for _, c := range d.AutocompleteData.SubCommands {
		subs = append(subs, c.Trigger)
	}
	if got := strings.Join(subs, ","); got != "help,status,stats,takeover,handback,resolve,kb,refund" {
		t.Fatalf("subcommands %s", got)
	}
	if err := d.AutocompleteData.IsValid(); err != nil {
		t.Fatalf("autocomplete data invalid: %v", err)
	}
}

func TestCountingReader(t *testing.T) {
	c := &countingReader{r: strings.NewReader(strings.Repeat("x", 12345))}
	if _, err := io.Copy(io.Discard, c); err != nil || c.n.Load() != 12345 {
		t.Fatalf("counted %d, err %v", c.n.Load(), err)
	}
}

type allStaff struct{}

func (allStaff) IsStaff(string) bool { return true }

// /concierge status and kb status carry the numbers /stats keeps from customers.
func TestStatusIsStaffOnly(t *testing.T) {
	h := New(Deps{API: fakeAPI{users: map[string]*model.User{
		"zh": {Id: "zh", Locale: "zh-CN"}, "en": {Id: "en", Locale: "en"},
	}}, Staff: noStaff{}})
	for _, tt := range []struct{ user, cmd, want string }{
		{"en", "/concierge status", "Only staff"},
		{"zh", "/concierge status", "只有客服人员"},
		{"en", "/concierge kb status", "Only staff"},
		{"zh", "/concierge kb status", "只有客服人员"},
	} {
		if got := h.Execute(&model.CommandArgs{UserId: tt.user, Command: tt.cmd}).Text; !strings.Contains(got, tt.want) {
			t.Errorf("%s as a customer (%s): %q, want a refusal", tt.cmd, tt.user, got)
		}
	}
}

func TestStatusNamesAStaffChannelProblem(t *testing.T) {
	for _, tt := range []struct {
		problem people.StaffProblem
		want    string
	}{
		{people.StaffNotPrivate, "`shop/staff` is not private"},
		{people.StaffMissing, "`shop/staff` does not exist"},
		{people.StaffUntrusted, "`shop/staff` was not created by a system admin"},
		{people.StaffUnset, "No staff channel is set"},
		{people.StaffOK, ""},
	} {
		h := New(Deps{API: fakeAPI{}, Staff: allStaff{},
			StaffChannel:  func() (string, people.StaffProblem) { return "shop/staff", tt.problem },
			ConfigProblem: func() string { return "" }})
		got := h.problems(i18n.EN)
		if (tt.want == "") != (got == "") || !strings.Contains(got, tt.want) {
			t.Errorf("%q: %q, want %q", tt.problem, got, tt.want)
		}
		if zh := h.problems(i18n.ZH); (tt.want == "") != (zh == "") || strings.Contains(zh, "%!") {
			t.Errorf("%q in Chinese: %q", tt.problem, zh)
		}
	}
}

type panicStaff struct{}

func (panicStaff) IsStaff(string) bool { panic("injected") }

func TestPanickingCommandAnswersAnEphemeralError(t *testing.T) {
	h := New(Deps{API: fakeAPI{users: map[string]*model.User{"zh": {Id: "zh", Locale: "zh-CN"}}}, Staff: panicStaff{}})
	resp := h.Execute(&model.CommandArgs{UserId: "zh", Command: "/concierge takeover"})
	if resp == nil || resp.ResponseType != model.CommandResponseTypeEphemeral || !strings.Contains(resp.Text, "操作失败") {
		t.Fatalf("%+v", resp)
	}
}
