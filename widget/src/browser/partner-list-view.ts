// The list of partners: one disclosure button per partner place, its details (partnerships, latest
// visit, projects, sources) in a region the button shows and hides.
import { type Child, html } from "./dom-builder";
import { countryName, formatDate, formatPeriod } from "./localised-format";
import {
  latestVisit,
  type Partner,
  type PartnershipData,
  type ProjectData,
  type SourceData,
  type VisitData,
} from "./partners-model";
import { UI_STRINGS, type UiLanguage, type UiStrings } from "./ui-strings";

export interface PartnerListView {
  element: HTMLUListElement;
  setSelected(id: string | undefined): void;
  button(id: string): HTMLButtonElement | undefined;
}

/** Ids of a partner's button and details, unique within the widget's shadow root. */
export function partnerIds(index: number): { button: string; details: string } {
  return { button: `partner-${index}`, details: `details-${index}` };
}

export function createPartnerList(
  partners: readonly Partner[],
  language: UiLanguage,
  onToggle: (id: string) => void,
): PartnerListView {
  const strings = UI_STRINGS[language];
  const rows = partners.map((partner, index) => partnerItem(partner, index, language, strings, onToggle));
  const element = html("ul", { class: "list", part: "list" }, ...rows.map((row) => row.item));
  return {
    element,
    setSelected(id) {
      for (const row of rows) {
        const open = row.id === id;
        row.button.setAttribute("aria-expanded", String(open));
        row.details.hidden = !open;
      }
    },
    button: (id) => rows.find((row) => row.id === id)?.button,
  };
}

function partnerItem(
  partner: Partner,
  index: number,
  language: UiLanguage,
  strings: UiStrings,
  onToggle: (id: string) => void,
) {
  const ids = partnerIds(index);
  const { place } = partner;
  const button = html(
    "button",
    {
      type: "button",
      class: "partner",
      part: "partner",
      id: ids.button,
      "aria-expanded": "false",
      "aria-controls": ids.details,
      "data-city-id": place.id,
    },
    html("span", { class: "name", part: "name" }, place.displayName),
    html("span", { class: "meta", part: "meta" }, summary(partner, language, strings)),
  );
  button.addEventListener("click", () => onToggle(place.id));
  const details = html(
    "div",
    { class: "details", part: "details", id: ids.details, role: "region", "aria-labelledby": ids.button },
    ...partner.partnerships.map((partnership) => partnershipSection(partnership, language, strings)),
    sourcesSection(partner.sources, strings),
  );
  details.hidden = true;
  const item = html(
    "li",
    { class: "item", part: "item" },
    html("h3", { class: "item-heading" }, button),
    details,
  );
  return { id: place.id, item, button, details };
}

/** "Avstrija · Pobratenje · od 2008": country, then the first partnership's kind and period. */
function summary(partner: Partner, language: UiLanguage, strings: UiStrings): string {
  const { place, partnerships } = partner;
  const [first] = partnerships;
  return [
    countryName(place.country.code, place.country.name, language),
    first ? strings.kinds[first.kind] : "",
    first ? formatPeriod(first.since, first.until, language) : "",
  ]
    .filter(Boolean)
    .join(" · ");
}

function partnershipSection(
  partnership: PartnershipData,
  language: UiLanguage,
  strings: UiStrings,
): HTMLElement {
  const members =
    partnership.cities.length > 2 ? partnership.cities.map((city) => city.displayName).join(", ") : undefined;
  return html(
    "section",
    { class: "partnership" },
    partnership.name ? html("p", { class: "partnership-name" }, partnership.name) : null,
    html(
      "dl",
      { class: "facts" },
      ...fact(strings.kind, strings.kinds[partnership.kind]),
      ...fact(strings.status, strings.statuses[partnership.status]),
      ...(partnership.since ? fact(strings.since, dateElement(partnership.since, language)) : []),
      ...(partnership.until ? fact(strings.until, dateElement(partnership.until, language)) : []),
      ...(members ? fact(strings.members, members) : []),
    ),
    visitPart(partnership.visits, language, strings),
    projectsPart(partnership.projects, language, strings),
  );
}

/** The latest visit, if any; a note instead when the visits could not be asked. */
function visitPart(visits: readonly VisitData[] | null, language: UiLanguage, strings: UiStrings) {
  if (visits === null) return unavailable(strings.visitsUnavailable);
  const visit = latestVisit(visits);
  return visit ? visitSection(visit, language, strings) : null;
}

/** The projects, if any; a note instead when the projects could not be asked. */
function projectsPart(projects: readonly ProjectData[] | null, language: UiLanguage, strings: UiStrings) {
  if (projects === null) return unavailable(strings.projectsUnavailable);
  return projects.length > 0 ? projectsSection(projects, language, strings) : null;
}

function unavailable(text: string): HTMLElement {
  return html("p", { class: "unavailable", part: "unavailable" }, text);
}

function fact(term: string, description: Child): HTMLElement[] {
  return [html("dt", {}, term), html("dd", {}, description)];
}

function dateElement(date: string, language: UiLanguage): HTMLTimeElement {
  return html("time", { datetime: date }, formatDate(date, language));
}

function sectionHeading(text: string): HTMLElement {
  return html("h4", { class: "section-heading" }, text);
}

function visitSection(visit: VisitData, language: UiLanguage, strings: UiStrings): HTMLElement {
  return html(
    "div",
    { class: "visit" },
    sectionHeading(strings.latestVisit),
    html("p", { class: "visit-date" }, dateElement(visit.date, language)),
    html(
      "dl",
      { class: "facts" },
      ...fact(strings.host, visit.host.displayName),
      ...(visit.purpose ? fact(strings.purpose, visit.purpose) : []),
    ),
  );
}

function projectsSection(projects: readonly ProjectData[], language: UiLanguage, strings: UiStrings) {
  return html(
    "div",
    { class: "projects" },
    sectionHeading(strings.projects),
    html(
      "ul",
      { class: "section-list" },
      ...projects.map((project) => {
        const title = project.acronym ? `${project.acronym}: ${project.title}` : project.title;
        const about = [project.programme?.name, formatPeriod(project.start, project.end, language)]
          .filter(Boolean)
          .join(" · ");
        return html("li", {}, title, about ? html("span", { class: "meta" }, ` (${about})`) : null);
      }),
    ),
  );
}

function sourcesSection(sources: readonly SourceData[], strings: UiStrings): HTMLElement | null {
  if (sources.length === 0) return null;
  return html(
    "div",
    { class: "sources" },
    sectionHeading(strings.sources),
    html(
      "ul",
      { class: "section-list" },
      ...sources.map((source) =>
        html(
          "li",
          {},
          source.url
            ? html("a", { href: source.url, rel: "noopener", target: "_blank" }, source.document)
            : source.document,
        ),
      ),
    ),
  );
}
