package analytics

// UnitType tells the township-level divisions that are townships (街道, 镇,
// 乡) from the other units the statistical division codes list at that
// level: development zones (开发区), state farms (农场), breeding stations
// (种猪场), research institutes (农科所) and the like. Their residents are
// few and their targets are not a township's, so township rankings leave
// them out by default.
type UnitType string

// The two kinds of township-level unit.
const (
	TownshipUnit UnitType = "township"
	OtherUnit    UnitType = "other"
)

// otherUnitFrom is the first township part of a division code (its digits
// 7–9) that is not a township. The National Bureau of Statistics numbers
// 街道 001–099, 镇 100–199, 乡 200–399 and the units like townships
// (类似乡级单位: zones, farms, stations) from 400.
const otherUnitFrom = "400"

// UnitType is a township-level region's type of unit, read from its code; ""
// for the other levels.
func (r *Region) UnitType() UnitType {
	if r.Level != Township {
		return ""
	}
	if len(r.Code) == 9 && r.Code[6:] >= otherUnitFrom {
		return OtherUnit
	}
	return TownshipUnit
}

// Townships drops the township-level units that are not townships from
// regions; regions of other levels stay.
func Townships(regions []*Region) []*Region {
	out := make([]*Region, 0, len(regions))
	for _, r := range regions {
		if r.UnitType() != OtherUnit {
			out = append(out, r)
		}
	}
	return out
}

// Peers are the regions r is ranked among: those of its level under the
// same parent, r included. A township is ranked among townships only; a
// unit that is not one, among all the units of its county.
func (s *Snapshot) Peers(r *Region) []*Region {
	peers := s.Select(r.Level, r.Parent)
	if r.UnitType() == TownshipUnit {
		return Townships(peers)
	}
	return peers
}
