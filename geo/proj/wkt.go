package proj

import (
	"fmt"
	"strconv"
	"strings"
)

// Limits on WKT input: real definitions are a few kilobytes and nest five
// levels deep; the bounds keep hostile input from costing more.
const (
	maxWKTLen   = 64 << 10
	maxWKTDepth = 16
)

// wktNode is one KEYWORD[...] of WKT 1: its arguments are quoted strings,
// numbers, bare words (EAST) or nested nodes.
type wktNode struct {
	key  string // upper case
	args []wktArg
}

type wktArg struct {
	text  string // a quoted string or bare word
	num   float64
	isNum bool
	node  *wktNode
}

// child is the first nested node named key, or nil.
func (n *wktNode) child(key string) *wktNode {
	for _, a := range n.args {
		if a.node != nil && a.node.key == key {
			return a.node
		}
	}
	return nil
}

// name is the node's first argument when it is a string, as for PROJCS,
// DATUM, PROJECTION and PARAMETER.
func (n *wktNode) name() string {
	if n == nil || len(n.args) == 0 || n.args[0].node != nil || n.args[0].isNum {
		return ""
	}
	return n.args[0].text
}

// number is the i-th argument as a number.
func (n *wktNode) number(i int) (float64, bool) {
	if n == nil || i >= len(n.args) || !n.args[i].isNum {
		return 0, false
	}
	return n.args[i].num, true
}

// wktParser is a recursive-descent parser over the input string.
type wktParser struct {
	s   string
	pos int
}

func parseWKTTree(s string) (*wktNode, error) {
	if len(s) > maxWKTLen {
		return nil, fmt.Errorf("WKT is %d bytes, more than the %d a CRS needs", len(s), maxWKTLen)
	}
	p := &wktParser{s: s}
	n, err := p.node(0)
	if err != nil {
		return nil, err
	}
	if p.skipSpace(); p.pos != len(p.s) {
		return nil, p.errorf("text after the end of the definition")
	}
	return n, nil
}

func (p *wktParser) errorf(format string, args ...any) error {
	return fmt.Errorf("WKT at byte %d: %s", p.pos, fmt.Sprintf(format, args...))
}

func (p *wktParser) skipSpace() {
	for p.pos < len(p.s) && strings.IndexByte(" \t\r\n", p.s[p.pos]) >= 0 {
		p.pos++
	}
}

func (p *wktParser) word() string {
	start := p.pos
	for p.pos < len(p.s) {
		c := p.s[p.pos]
		if !(c == '_' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9') {
			break
		}
		p.pos++
	}
	return p.s[start:p.pos]
}

// node reads KEYWORD[arg, ...]; WKT allows ( ) for [ ].
func (p *wktParser) node(depth int) (*wktNode, error) {
	if depth >= maxWKTDepth {
		return nil, p.errorf("nested more than %d deep", maxWKTDepth)
	}
	p.skipSpace()
	key := p.word()
	if key == "" {
		return nil, p.errorf("a keyword such as PROJCS or GEOGCS expected")
	}
	p.skipSpace()
	if p.pos >= len(p.s) || (p.s[p.pos] != '[' && p.s[p.pos] != '(') {
		return nil, p.errorf("[ expected after %s", key)
	}
	closing := byte(']')
	if p.s[p.pos] == '(' {
		closing = ')'
	}
	p.pos++
	n := &wktNode{key: strings.ToUpper(key)}
	for {
		a, err := p.arg(depth)
		if err != nil {
			return nil, err
		}
		n.args = append(n.args, a)
		p.skipSpace()
		if p.pos >= len(p.s) {
			return nil, p.errorf("unterminated %s", key)
		}
		switch c := p.s[p.pos]; {
		case c == ',':
			p.pos++
		case c == closing:
			p.pos++
			return n, nil
		default:
			return nil, p.errorf("unexpected %q in %s", c, key)
		}
	}
}

func (p *wktParser) arg(depth int) (wktArg, error) {
	p.skipSpace()
	if p.pos >= len(p.s) {
		return wktArg{}, p.errorf("unexpected end")
	}
	c := p.s[p.pos]
	switch {
	case c == '"':
		return p.quoted()
	case c == '-' || c == '+' || c == '.' || c >= '0' && c <= '9':
		start := p.pos
		for p.pos < len(p.s) && strings.IndexByte("+-.0123456789eE", p.s[p.pos]) >= 0 {
			p.pos++
		}
		v, err := strconv.ParseFloat(p.s[start:p.pos], 64)
		if err != nil {
			return wktArg{}, p.errorf("bad number %q", p.s[start:p.pos])
		}
		return wktArg{num: v, isNum: true}, nil
	}
	save := p.pos
	w := p.word()
	if w == "" {
		return wktArg{}, p.errorf("unexpected %q", c)
	}
	if p.skipSpace(); p.pos < len(p.s) && (p.s[p.pos] == '[' || p.s[p.pos] == '(') {
		p.pos = save
		n, err := p.node(depth + 1)
		return wktArg{node: n}, err
	}
	return wktArg{text: w}, nil
}

// quoted reads "text", where "" stands for a quote (WKT 2's rule, harmless
// for WKT 1).
func (p *wktParser) quoted() (wktArg, error) {
	var b strings.Builder
	for p.pos++; p.pos < len(p.s); p.pos++ {
		if p.s[p.pos] != '"' {
			b.WriteByte(p.s[p.pos])
			continue
		}
		if p.pos+1 < len(p.s) && p.s[p.pos+1] == '"' {
			b.WriteByte('"')
			p.pos++
			continue
		}
		p.pos++
		return wktArg{text: b.String()}, nil
	}
	return wktArg{}, p.errorf("unterminated string")
}
