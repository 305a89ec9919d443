import { useEffect, useState } from 'preact/hooks';
import { api, unwrap } from '../api/client';
import { lang, t } from '../i18n';
import { session } from '../session';

/**
 * The way back up from an area drilled into (the safety index, the incident map) to the person's own area — the top of
 * what they may see — or, for someone without an area, to the top level; each step a link.
 */
export function AreaTrail({ code, onPick }: { code: string | undefined; onPick: (code: string | undefined) => void }) {
  const own = session.value!.user.area;
  const [trail, setTrail] = useState<{ code: string; name: string }[]>([]);
  useEffect(() => {
    if (!code) {
      setTrail([]);
      return;
    }
    let current = true;
    api.GET('/api/v1/areas/{code}', { params: { path: { code } } }).then((r) => {
      const area = unwrap(r);
      const chain = [...(area.ancestors ?? []), { code: area.code, name: area.name, nameEn: area.nameEn }];
      const from = own ? Math.max(0, chain.findIndex((a) => a.code === own)) : 0;
      const name = (a: (typeof chain)[number]) => (lang.value === 'en' && a.nameEn ? a.nameEn : a.name) ?? a.code;
      if (current) setTrail(chain.slice(from).map((a) => ({ code: a.code, name: name(a) })));
    }, () => current && setTrail([]));
    return () => {
      current = false;
    };
  }, [code, lang.value]);

  const link = (to: string | undefined, text: string) => (
    <a href="#" onClick={(e) => { e.preventDefault(); onPick(to); }}>{text}</a>
  );
  return (
    <nav aria-label={t('index.trail')} class="trail">
      {!own && (code ? link(undefined, t('index.top')) : <strong aria-current="page">{t('index.top')}</strong>)}
      {trail.map((a, i) => (
        <span key={a.code}>
          {(i > 0 || !own) && <span aria-hidden="true"> › </span>}
          {a.code === code ? <strong aria-current="page">{a.name}</strong> : link(a.code, a.name)}
        </span>
      ))}
    </nav>
  );
}
