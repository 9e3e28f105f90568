package agent

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Colours as customers say them: by a colour word's root ("白的" for 白色), a colour
// sold as one rune by its word or its English ("灰色", "black" for 灰, 黑), a run of
// roots before "各" ("黑青品黄各一瓶").

// oneRuneColourIn: a colour sold as one character ("蓝", which valueParts leaves
// out as too short to tell apart) is named by it with 色, 的 or 款 after it ("蓝色"),
// or by its English word ("black").
func oneRuneColourIn(low, name, v string) bool {
	rs := []rune(v)
	return len(rs) == 1 && unicode.Is(unicode.Han, rs[0]) && isColourAttr(name) && (baseColourIn(low, v) || glossedIn(low, name, v))
}

// colourInEachRun: a colour is named by its first rune in a run of them before
// "各" ("黑青品黄各一瓶": 黑色, 青色, 品红, 黄色 one of each).
func colourInEachRun(low, name, v string) bool {
	if !isColourAttr(name) || v == "" {
		return false
	}
	first, _ := utf8.DecodeRuneInString(v)
	if !unicode.Is(unicode.Han, first) {
		return false
	}
	for _, m := range eachRun.FindAllStringSubmatch(low, -1) {
		if strings.ContainsRune(m[1], first) {
			return true
		}
	}
	return false
}

// colourRootIn: low names a Chinese colour word by its root ("白的", "黑款", "青 …"
// for 白色, 黑色, 青色).
func colourRootIn(low, part string) bool {
	root := colorRoot(part)
	return root != "" && (strings.Contains(low, root+"的") || strings.Contains(low, root+"款") || rootAlone(low, root))
}

// rootAlone: a colour's root of one rune stands as a word of its own in low, between
// spaces or marks of a list, or before "各" ("青 品红 黄各一瓶").
func rootAlone(low, root string) bool {
	if utf8.RuneCountInString(root) != 1 {
		return false
	}
	apart := func(r rune) bool { return unicode.IsSpace(r) || unicode.IsPunct(r) }
	for at := 0; ; {
		i := strings.Index(low[at:], root)
		if i < 0 {
			return false
		}
		i += at
		before, _ := utf8.DecodeLastRuneInString(low[:i])
		after, _ := utf8.DecodeRuneInString(low[i+len(root):])
		if (i == 0 || apart(before)) && (i+len(root) == len(low) || apart(after) || after == '各') {
			return true
		}
		at = i + len(root)
	}
}

// baseColourIn: a fancy colour name ends with its base colour ("岩灰", "番茄红");
// the customer writes the base ("灰色", "红的").
func baseColourIn(low, part string) bool {
	rs := []rune(part)
	base := string(rs[len(rs)-1])
	if base == "色" && len(rs) >= 2 {
		base = string(rs[len(rs)-2])
	}
	return strings.Contains(low, base+"色") || strings.Contains(low, base+"的") || strings.Contains(low, base+"款")
}

// colorRoot is the colour of a Chinese colour word ("白色" → "白"), "" for others.
func colorRoot(part string) string {
	if root, ok := strings.CutSuffix(part, "色"); ok && root != "" && !isASCII(root) {
		return root
	}
	return ""
}

// eachRun: a run of Chinese before "各" ("黑青品黄各一瓶").
var eachRun = regexp.MustCompile(`(\p{Han}{2,6})各`)
