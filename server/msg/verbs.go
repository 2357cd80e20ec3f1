package msg

// verb is one verb of a format and the argument it takes (from 0).
type verb struct {
	arg  int
	verb rune
}

// verbs lists a format's verbs with their arguments, following fmt's
// rules for explicit indexes: %[n]v takes argument n, and the verbs after
// it go on from there. A '*' width or precision takes an argument too,
// and counts as verb '*'.
func verbs(format string) []verb {
	var out []verb
	next := 0
	r := []rune(format)
	for i := 0; i < len(r); i++ {
		if r[i] != '%' {
			continue
		}
		i++
		for i < len(r) && (r[i] == '+' || r[i] == '-' || r[i] == '#' || r[i] == ' ' || r[i] == '0') {
			i++
		}
		// Width, then precision, each perhaps an explicit index or '*'.
		for part := 0; part < 2 && i < len(r); part++ {
			if part == 1 {
				if r[i] != '.' {
					break
				}
				i++
			}
			i, next = index(r, i, next)
			if i < len(r) && r[i] == '*' {
				out = append(out, verb{next, '*'})
				next++
				i++
			}
			for i < len(r) && r[i] >= '0' && r[i] <= '9' {
				i++
			}
		}
		i, next = index(r, i, next)
		if i >= len(r) {
			break
		}
		if r[i] == '%' {
			continue
		}
		out = append(out, verb{next, r[i]})
		next++
	}
	return out
}

// index reads an explicit argument index [n] at i, if there is one.
func index(r []rune, i, next int) (int, int) {
	if i >= len(r) || r[i] != '[' {
		return i, next
	}
	n, j := 0, i+1
	for j < len(r) && r[j] >= '0' && r[j] <= '9' {
		n = n*10 + int(r[j]-'0')
		j++
	}
	if j < len(r) && r[j] == ']' && n > 0 {
		return j + 1, n - 1
	}
	return i, next
}
