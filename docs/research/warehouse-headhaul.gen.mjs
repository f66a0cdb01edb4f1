// generates data/rates/warehouse-headhaul.csv and the Chinese of its basis texts (printed as JSON to stderr)
const USD = 6.8322, EUR = 7.9827;
const r2 = (x) => Math.round(x / 10) * 10;
const old = { ES:[11,36,40],FR:[12,38,42],MX:[14,48,40],SA:[10,32,35],US:[12,42,30],BR:[18,60,55],KR:[5,16,10],PL:[11,36,42],NL:[11,35,38],DE:[11,36,40],IT:[12,38,40],GB:[12,38,42],CL:[15,55,45],IL:[13,38,45],UA:[14,45,50],AE:[9,28,28],JP:[6,20,14],AU:[10,38,30] };
const EU = ['ES','FR','PL','NL','DE','IT','GB'];
const FX = `USD ${USD} / EUR ${EUR} CNY (data/fx.json S-FX1 2026-04-13)`;
const FXZ = `1 美元 = ${USD} 元、1 欧元 = ${EUR} 元（data/fx.json S-FX1 2026-04-13）`;
const rows = [], terms = {};
const row = (o) => { rows.push([o.d,o.m,o.min??0,o.kg??0,o.m3??0,o.cont??0,o.cm3??0,o.minc??0,o.lo,o.hi,'"'+o.b.replace(/"/g,"'")+'"'].join(',')); terms[o.b] = o.z; };
const CM3 = 58;
const CM3B = `a 40 ft container (67.7 m³ inside) loads ≈ ${CM3} m³ of cartons (assumption: ≈ 85 % fill)`;
const CM3Z = `40尺柜（内容积67.7立方米）约装 ${CM3} 立方米纸箱（假设：装载率约85%）`;
for (const [d,[sea,air,lead]] of Object.entries(old)) {
  const r = sea / 11.5;
  let src, srcZ;
  if (d === 'US') { src = `source:S-FRT1 Freightos Air Index China→N. America USD 6.26/kg (≈ 2026-01) = ${(6.26*USD).toFixed(1)} CNY/kg airport-to-airport`; srcZ = `出处：S-FRT1 Freightos 空运指数 中国→北美 6.26 美元/千克（约2026-01）= ${(6.26*USD).toFixed(1)} 元/千克（机场到机场）`; }
  else if (EU.includes(d)) { src = `source:S-FRT1 Freightos Air Index China→N. Europe USD 3.52/kg (≈ 2026-01) = ${(3.52*USD).toFixed(1)} CNY/kg airport-to-airport`; srcZ = `出处：S-FRT1 Freightos 空运指数 中国→北欧 3.52 美元/千克（约2026-01）= ${(3.52*USD).toFixed(1)} 元/千克（机场到机场）`; }
  else if (d === 'MX') { src = `source:S-FRT12 Twing Supply China→MX air USD 7.5–8.5/kg (2025-07)`; srcZ = `出处：S-FRT12 Twing Supply 中国→墨西哥空运 7.5–8.5 美元/千克（2025-07）`; }
  else if (d === 'SA' || d === 'AE') { src = `source:S-FRT13 Usky Cargo China→Middle East air USD 3–8/kg (undated)`; srcZ = `出处：S-FRT13 Usky Cargo 中国→中东空运 3–8 美元/千克（未注明日期）`; }
  else { src = `assumption:no index for this lane; the former warehouse.json door-to-warehouse air rate`; srcZ = `假设：该线路无指数；沿用原 warehouse.json 的门到仓空运价`; }
  const airKg = d === 'MX' ? Math.round(8*USD + 10) : air;
  row({d,m:'air',kg:airKg,m3:Math.round(airKg*166.67),minc:Math.round(45*airKg),lo:5,hi:10,
    b:`${src}; door-to-warehouse ${airKg} CNY/kg = spot + ≈ 10–14 CNY/kg pickup, export and import clearance, handling and delivery (assumption: docs/research/headhaul-freight.md §3); chargeable weight max(kg, m³ × 166.7) (L×W×H cm / 6000, S-FRT5); minimum the 45 kg break (assumption: usual forwarder minimum); 5–10 days door to door (RESEARCH lead, commercial guides, weak); ${FX}`,
    z:`${srcZ}；门到仓 ${airKg} 元/千克 = 现货价 + 约10–14 元/千克的提货、进出口清关、操作与派送费（假设：docs/research/headhaul-freight.md 第3节）；计费重 = max(实重, 立方米 × 166.7)（长×宽×高厘米 / 6000，S-FRT5）；最低按45千克计费（假设：货代常见起运量）；门到门5–10天（RESEARCH 线索，商业指南，较弱）；${FXZ}`});
  row({d,m:'air',min:2,kg:Math.round(airKg*0.95*10)/10,m3:Math.round(airKg*0.95*166.67),minc:0,lo:5,hi:10,
    b:`assumption:from 2 m³ (≈ 333 kg chargeable) the Freightos Air Index's 300–1,000 kg weight break (knowledge.freightwaves.com) applies, priced ≈ 5 % below the 100–300 kg break; lead time as the first tier`,
    z:`假设：2立方米起（约333千克计费重）适用 Freightos 空运指数的300–1,000千克重量段（knowledge.freightwaves.com），价格比100–300千克段低约5%；时效同首档`});
  const lcl = Math.round(350*EUR*(EU.includes(d)?1:r)/10)*10;
  const lo = EU.includes(d) ? 35 : Math.round(lead*0.85), hi = EU.includes(d) ? 50 : Math.round(lead*1.2);
  if (EU.includes(d)) row({d,m:'sea-lcl',kg:lcl/1000,m3:lcl,minc:2*lcl,lo,hi,
    b:`source:ShipTogether 'FCL vs LCL Cost Comparison 2026' (ship-together.com, 2026): Shenzhen→Rotterdam LCL EUR 225/m³ headline, ≈ EUR 310/m³ all-in with documentation, consolidation, destination handling and customs; + EUR 40/m³ trucking to the warehouse (assumption) = EUR 350/m³ = ${lcl} CNY/m³, inside S-FRT8's EUR 300–900/m³; W/M 1 t = 1 m³ (LCL convention); minimum 2 m³ (the article: consolidators set a floor at 2–3 m³); 35–50 days door to door (S-FRT8 FabriMatch); ${FX}`,
    z:`出处：ShipTogether《FCL vs LCL Cost Comparison 2026》（ship-together.com，2026）：深圳→鹿特丹拼箱标价225欧元/立方米，含文件、拼箱、目的港操作和清关全包约310欧元/立方米；+ 到仓卡车40欧元/立方米（假设）= 350欧元/立方米 = ${lcl} 元/立方米，处于 S-FRT8 的300–900欧元/立方米之内；重量/体积计费 1吨 = 1立方米（拼箱惯例）；最低2立方米（该文：拼箱商最低收2–3立方米）；门到门35–50天（S-FRT8 FabriMatch）；${FXZ}`});
  else row({d,m:'sea-lcl',kg:lcl/1000,m3:lcl,minc:2*lcl,lo,hi,
    b:`assumption:no LCL quote for this lane: the EU all-in EUR 350/m³ (ShipTogether 2026, see the EU rows) × ${r.toFixed(2)}, the ratio of this market's former sea rate (${sea} CNY/kg) to the EU's (11.5); W/M 1 t = 1 m³; minimum 2 m³; lead time the former replenishment lead (${lead} days) −15 %/+20 %`,
    z:`假设：该线路无拼箱报价：按欧盟全包价350欧元/立方米（ShipTogether 2026，见欧盟各行）× ${r.toFixed(2)}，即该市场原海运价（${sea} 元/千克）与欧盟（11.5）之比；重量/体积计费 1吨 = 1立方米；最低2立方米；时效取原补货周期（${lead} 天）−15%/+20%`});
  const extra = (usd) => `+ USD ${usd} origin and destination terminal charges, documents, import clearance and trucking to the warehouse (assumption: not researched as numbers, docs/research/headhaul-freight.md)`;
  const extraZ = (usd) => `+ ${usd} 美元起运港与目的港码头费、单证、进口清关及到仓卡车费（假设：未查到具体数字，docs/research/headhaul-freight.md）`;
  let fcl, fb, fz, flo, fhi;
  if (['NL','DE','FR','PL','GB'].includes(d)) { fcl = r2((2840+1500)*USD); fb = `source:S-FRT14 Drewry WCI Shanghai→Rotterdam USD 2,840 per 40 ft (2026-01-08) ${extra(1500)}`; fz = `出处：S-FRT14 Drewry WCI 上海→鹿特丹 每40尺柜2,840美元（2026-01-08）${extraZ(1500)}`; flo=37; fhi=50; }
  else if (['ES','IT'].includes(d)) { fcl = r2((3885+1500)*USD); fb = `source:S-FRT14 Drewry WCI Shanghai→Genoa USD 3,885 per 40 ft (2026-01-08; the Mediterranean lane) ${extra(1500)}`; fz = `出处：S-FRT14 Drewry WCI 上海→热那亚 每40尺柜3,885美元（2026-01-08，地中海航线）${extraZ(1500)}`; flo=35; fhi=48; }
  else if (d==='US') { fcl = r2((3132+1800)*USD); fb = `source:S-FRT14 Drewry WCI Shanghai→Los Angeles USD 3,132 per 40 ft (2026-01-08) ${extra(1800)}; 14–18 days on water (common knowledge, UNCONFIRMED) + ≈ 10 days of handling`; fz = `出处：S-FRT14 Drewry WCI 上海→洛杉矶 每40尺柜3,132美元（2026-01-08）${extraZ(1800)}；海上14–18天（常识，未证实）+ 约10天操作`; flo=24; fhi=35; }
  else if (d==='MX') { fcl = r2((3600+1500)*USD); fb = `source:S-FRT12 Twing Supply China→Manzanillo/Lázaro Cárdenas USD 3,600 per 40 ft, 20–27 days (2025-07) ${extra(1500)}`; fz = `出处：S-FRT12 Twing Supply 中国→曼萨尼约/拉萨罗卡德纳斯 每40尺柜3,600美元，20–27天（2025-07）${extraZ(1500)}`; flo=27; fhi=40; }
  else if (d==='SA') { fcl = r2((2500+1500)*USD); fb = `source:S-FRT13 Tonlexing China→Dammam USD 2,500 per 40 ft, 20–40 days (2025-07) ${extra(1500)}`; fz = `出处：S-FRT13 Tonlexing 中国→达曼 每40尺柜2,500美元，20–40天（2025-07）${extraZ(1500)}`; flo=27; fhi=47; }
  else if (d==='AE') { fcl = r2((3341+1500)*USD); fb = `source:S-FRT11 Shanghai→Khor Fakkan USD 3,341 per FEU (≈ 2025-06, citing Xeneta) ${extra(1500)}; lead time as Saudi Arabia's lane (assumption)`; fz = `出处：S-FRT11 上海→豪尔费坎 每40尺柜3,341美元（约2025-06，引 Xeneta）${extraZ(1500)}；时效同沙特线路（假设）`; flo=25; fhi=40; }
  else { fcl = r2((2840+1500)*USD*r); fb = `assumption:no index for this lane: the Rotterdam all-in (S-FRT14 USD 2,840 + 1,500) × ${r.toFixed(2)}, the ratio of this market's former sea rate to the EU's; lead time the former replenishment lead (${lead} days) −10 %/+20 %`; fz = `假设：该线路无指数：按鹿特丹全包价（S-FRT14 2,840 + 1,500 美元）× ${r.toFixed(2)}，即该市场原海运价与欧盟之比；时效取原补货周期（${lead} 天）−10%/+20%`; flo=Math.round(lead*0.9); fhi=Math.round(lead*1.2); }
  row({d,m:'sea-fcl',cont:fcl,cm3:CM3,lo:flo,hi:fhi,b:`${fb}; ${CM3B}; charged per container started; ${FX}`,z:`${fz}；${CM3Z}；按所用柜数计费；${FXZ}`});
  if (EU.includes(d)) {
    const kgRate = d==='DE' ? 9.5 : d==='PL' ? 11.5 : d==='GB' ? 14.5 : 10.5;
    const cn = {DE:['Germany','德国'],PL:['Poland','波兰'],GB:['the United Kingdom','英国']}[d];
    const s = cn ? `source:S-FRT10 logiglobal 2025 China→Europe rail groupage CNY ${kgRate}/kg to ${cn[0]}` : `assumption:between S-FRT10's rail groupage CNY 9.5/kg (DE) and 11.5/kg (PL)`;
    const sz = cn ? `出处：S-FRT10 logiglobal 2025 中欧班列拼箱至${cn[1]} ${kgRate} 元/千克` : `假设：介于 S-FRT10 中欧班列拼箱 9.5 元/千克（德国）与 11.5 元/千克（波兰）之间`;
    row({d,m:'rail',kg:kgRate,m3:Math.round(kgRate*333),minc:Math.round(kgRate*333),lo:20,hi:30,
      b:`${s}; volume basis 1 m³ = 333 kg and a 1 m³ minimum (assumption: the usual rail-groupage ratio); 15–22 days terminal to terminal (S-FRT10; DSV S-FRT9 15–18) + ≈ 5 days to the warehouse (assumption)`,
      z:`${sz}；体积换算 1立方米 = 333千克，最低1立方米（假设：铁路拼箱常用比例）；站到站15–22天（S-FRT10；DSV S-FRT9 为15–18天）+ 到仓约5天（假设）`});
    const feu = r2((5675+725)*USD);
    row({d,m:'rail',min:25,cont:feu,cm3:CM3,lo:20,hi:30,
      b:`source:S-FRT10 logiglobal 2025: USD 5,250–6,100 per FEU base (mid 5,675) + USD 550–900 port, customs and delivery (mid 725) = ${feu} CNY per 40 ft; from 25 m³ a whole container is cheaper than groupage (tier; assumption); ${CM3B}; ${FX}`,
      z:`出处：S-FRT10 logiglobal 2025：每40尺柜基础运费5,250–6,100美元（中值5,675）+ 港口、清关和派送550–900美元（中值725）= 每40尺柜 ${feu} 元；25立方米起整柜比拼箱便宜（档位；假设）；${CM3Z}；${FXZ}`});
  }
}
console.log('destination,mode,min_m3,cny_per_kg,cny_per_m3,cny_per_container,container_m3,min_charge_cny,days_min,days_max,basis');
console.log(rows.join('\n'));
console.error(JSON.stringify(terms));
