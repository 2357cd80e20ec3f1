package main

import "math/rand/v2"

// Grid workers get plausible names: a surname, weighted towards those
// common in Nantong, and one or two given-name characters.
var (
	surnames = []rune("陈张王李朱顾徐陆季黄吴周沈曹施杨刘邵缪钱孙赵蔡丁葛瞿范姜秦袁严郁成冯")
	given    = []rune("建国华明红梅丽军伟芳霞平林燕敏静勇强磊洁娟涛斌峰琴兰英秀玉春海云新志文杰蓉萍辉亮俊晓宇婷")
)

// personName draws a name: surnames earlier in the list are likelier.
func personName(r *rand.Rand) string {
	// The square of a uniform index favours the front of the list.
	u := r.Float64()
	s := surnames[int(u*u*float64(len(surnames)))]
	name := []rune{s, given[r.IntN(len(given))]}
	if r.Float64() < 0.7 {
		name = append(name, given[r.IntN(len(given))])
	}
	return string(name)
}
