// On the results page of a model that is one series of a global training: a line saying one
// network forecasts all of the training's series, and a picker of those series; choosing one
// opens its results page, so the chart, the scores and the downloads are that series'.
import { getJson } from './api.ts';
import type { ModelListItem, ModelListResponse } from './api-types.ts';
import { el, replaceChildren } from './dom.ts';

/** Fills `container` and shows it when model `modelId` belongs to a global training; returns its membership, or null. */
export async function attachGlobalSeriesPicker(
  container: HTMLElement,
  modelId: number,
): Promise<ModelListItem['global']> {
  const { models } = await getJson<ModelListResponse>('/api/models');
  const membership = models.find((m) => m.id === modelId)?.global ?? null;
  if (!membership) return null;
  const siblings = models.filter((m) => m.global?.runId === membership.runId).sort((a, b) => a.id - b.id);
  const picker = el(
    'select',
    { id: 'series-picker' },
    ...siblings.map((m) => el('option', { value: String(m.id) }, m.series ?? '')),
  );
  picker.value = String(modelId);
  picker.addEventListener('change', () => location.assign(`/model.html?id=${picker.value}`));
  replaceChildren(
    container,
    membership.ownFit
      ? `This series was too short for the global model trained with its ${siblings.length - 1} siblings (${membership.ownFit}), so it has a fit of its own. `
      : `One network, trained on ${membership.seriesCount} series of this dataset, forecasts this one. `,
    el('label', { for: 'series-picker' }, 'Series '),
    picker,
  );
  container.hidden = false;
  return membership;
}
