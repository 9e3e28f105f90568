package conversation

import (
	"slices"
	"testing"

	"github.com/mattermost/mattermost/server/public/model"
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
