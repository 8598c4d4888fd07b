"""Summaries of `bench adapt --format csv` outputs used in docs/adaptation.md (issue 19).
table CSV: the per-k markdown table (means over targets). eff RANDOM.csv DESIGNED.csv [column]: for each designed
k, the median over targets of k / (random measurements reaching the same SRCC, interpolated linearly on the random
k grid; 0 where random never reaches it within its largest k)."""
import csv,collections,sys,statistics
def load(p): return list(csv.DictReader(open(p)))
def table(p, label):
    rows=load(p)
    for r in rows: r.setdefault('srcc_prior', 'nan'); by=collections.defaultdict(list)
    for r in rows: by[int(r['samples'])].append(r)
    print(f"| k | proxy | best single device (oracle) | device | library | **prior** | proxy+optype | library+optype | adaproxy | lib+ada | **auto** | auto worst seed | worst target (auto) | max auto shortfall vs proxy | seeds auto < proxy | auto estimate − measured | interval coverage |")
    print("|"+"---|"*17)
    for k,rs in sorted(by.items()):
        f=lambda c: sum(float(r[c]) for r in rs)/len(rs)
        worst=min(rs,key=lambda r: float(r['srcc_auto']))
        short=min(rs,key=lambda r: float(r['srcc_auto'])-float(r['srcc_proxy']))
        print(f"| {k} | {f('srcc_proxy'):.3f} | {f('srcc_best_device'):.3f} | {f('srcc_device'):.3f} | {f('srcc_library'):.3f} | **{f('srcc_prior'):.3f}** | {f('srcc_proxy_optype'):.3f} | {f('srcc_library_optype'):.3f} | {f('srcc_adaproxy'):.3f} | {f('srcc_library_adaproxy'):.3f} | **{f('srcc_auto'):.3f}** | {min(float(r['srcc_auto_min']) for r in rs):.3f} | {worst['target']} {float(worst['srcc_auto']):.3f} | {float(short['srcc_auto'])-float(short['srcc_proxy']):+.3f} ({short['target']}) | {sum(int(r['auto_below_proxy_seeds']) for r in rs)} of {len(rs)*int(rs[0]['seeds'])} | {f('auto_estimate')-f('srcc_auto'):+.3f} | {f('auto_interval_coverage'):.2f} |")
def efficiency(rand, des, col='srcc_auto'):
    R=collections.defaultdict(dict); D=collections.defaultdict(dict)
    for r in load(rand): R[r['target']][int(r['samples'])]=float(r[col])
    for r in load(des): D[r['target']][int(r['samples'])]=float(r[col])
    for kd in sorted(next(iter(D.values())).keys()):
        ratios=[]
        for t in D:
            s=D[t][kd]; ks=sorted(R[t]); need=None
            for a,b in zip(ks,ks[1:]):
                if R[t][a]>=s: need=a; break
                if R[t][a]<s<=R[t][b]: need=a+(b-a)*(s-R[t][a])/(R[t][b]-R[t][a]); break
            if need is None: need=ks[0] if R[t][ks[0]]>=s else float('inf')
            ratios.append(kd/need)
        fin=[x for x in ratios]
        print(f"designed k={kd}: median over {len(fin)} targets of designed/random measurements at equal {col} = {statistics.median(fin):.2f}; random never reaches designed's SRCC within 50 on {sum(1 for x in fin if x==0)} targets")
if __name__=='__main__':
    cmd=sys.argv[1]
    if cmd=='table': table(sys.argv[2], '')
    else: efficiency(sys.argv[2], sys.argv[3], sys.argv[4] if len(sys.argv)>4 else 'srcc_auto')
